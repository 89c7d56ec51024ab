// SPDX-License-Identifier: Apache-2.0
//
// Loads our .proto files once: the gRPC service definitions for the chaincode stream
// and protobufjs codecs for the payloads nested inside ChaincodeMessage.

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as protoLoader from '@grpc/proto-loader';
import protobuf from 'protobufjs';
import type { ServiceDefinition } from '@grpc/grpc-js';
import type { ChaincodeMessage, ChaincodeMessage__Output } from './generated/protos/ChaincodeMessage.ts';
import { chaincodeMessageSerde } from './message-serde.ts';
import { decodesToOutputShape, hasEnumField } from './conversion-shortcuts.ts';

/** Where our .proto files live: `protos/` beside `src/` and `dist/`. */
export const PROTO_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'protos');

const ENTRY_FILES = [
    'peer/chaincode_shim.proto',
    'peer/proposal_response.proto',
    'common/common.proto',
    'msp/identities.proto',
    'ledger/queryresult/kv_query_result.proto',
];

/** The options proto-loader and the payload codecs share: field names as written, longs and enums as strings. */
export const OBJECT_OPTIONS = { longs: String, enums: String, bytes: Buffer, defaults: true, oneofs: true } as const;

function loadRoot(): protobuf.Root {
    const root = new protobuf.Root();
    root.resolvePath = (_origin: string, target: string): string => path.join(PROTO_DIR, target);
    root.loadSync(ENTRY_FILES, { keepCase: true });
    root.resolveAll();
    return root;
}

const root = loadRoot();
const packageDefinition = protoLoader.fromJSON(root.toJSON(), { keepCase: true, ...OBJECT_OPTIONS });

const serde = chaincodeMessageSerde(root, OBJECT_OPTIONS);

/**
 * A service whose one method streams ChaincodeMessage both ways, with our (de)serialiser in
 * place of proto-loader's (message-serde.ts): grpc-js runs it on every stream message.
 */
function serviceDefinition(name: string): ServiceDefinition {
    const definition = packageDefinition[name];
    if (definition === undefined || !('Connect' in definition || 'Register' in definition)) {
        throw new Error(`service ${name} missing from ${PROTO_DIR}`);
    }
    const methods = Object.entries(definition as ServiceDefinition).map(([method, call]) => [
        method,
        {
            ...call,
            requestSerialize: serde.serialize,
            requestDeserialize: serde.deserialize,
            responseSerialize: serde.serialize,
            responseDeserialize: serde.deserialize,
        },
    ]);
    return Object.fromEntries(methods) as ServiceDefinition;
}

/** `protos.Chaincode`: the peer dials the chaincode and calls Connect (server mode). */
export const chaincodeService = serviceDefinition('protos.Chaincode');
/** `protos.ChaincodeSupport`: the chaincode dials the peer and calls Register (dev mode). */
export const chaincodeSupportService = serviceDefinition('protos.ChaincodeSupport');

/** Encodes and decodes one message type; `decode` throws on malformed bytes. */
export interface Codec<In, Out> {
    encode(message: In): Uint8Array;
    decode(bytes: Uint8Array): Out;
}

/**
 * Builds the codec of a fully qualified message name, e.g. `protos.GetState`. An enum-free
 * type encodes the message as given, without `fromObject` (see proto-shapes.ts): its fields
 * must be plain own properties, as the generated input types are used everywhere here.
 */
export function codec<In extends object, Out>(name: string): Codec<In, Out> {
    const type = root.lookupType(name);
    return {
        encode: encoder(type),
        decode: (bytes) => type.toObject(type.decode(bytes), OBJECT_OPTIONS) as Out,
    };
}

/**
 * A codec whose decode returns protobufjs's message instance itself, without `toObject`: for
 * the per-transaction payloads whose instance already has the `Out` shape (proto-shapes.ts),
 * which module load checks. Fields absent from the wire read their defaults from the
 * instance's prototype, and absent repeated and map fields are frozen: callers must copy them
 * before changing them.
 */
export function instanceCodec<In extends object, Out>(name: string): Codec<In, Out> {
    const type = root.lookupType(name);
    if (!decodesToOutputShape(type)) {
        throw new Error(`${name} does not decode to its Output shape; use codec()`);
    }
    return {
        encode: encoder(type),
        decode: (bytes) => type.decode(bytes) as unknown as Out,
    };
}

function encoder(type: protobuf.Type): (message: object) => Uint8Array {
    if (hasEnumField(type)) {
        return (message) => type.encode(type.fromObject(message)).finish();
    }
    return (message) => type.encode(message).finish();
}

/** The stream message itself, for tests and tools that need its bytes (grpc-js codes it on the stream). */
export const chaincodeMessageCodec = codec<ChaincodeMessage, ChaincodeMessage__Output>('protos.ChaincodeMessage');

/** The protobufjs root, for tests that walk every message type. */
export function protoRoot(): protobuf.Root {
    return root;
}
