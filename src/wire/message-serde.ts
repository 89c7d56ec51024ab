// SPDX-License-Identifier: Apache-2.0
//
// The (de)serialiser of every ChaincodeMessage of the stream (grpc-js runs the encoder; the
// chaincode side runs the decoder itself, see src/shim/peer-stream.ts). proto-loader's
// goes through fromObject/toObject to give enum names; this one maps the type through
// prebuilt tables and copies the seven fields by hand, with the same result and the same
// bytes on the wire (test/unit/message-serde.test.ts checks both against proto-loader's).

import protobuf from 'protobufjs';
import type { ChaincodeMessage, ChaincodeMessage__Output } from './generated/protos/ChaincodeMessage.ts';
import type { ChaincodeEvent__Output } from './generated/protos/ChaincodeEvent.ts';
import type { Timestamp__Output } from './generated/google/protobuf/Timestamp.ts';
import { hasEnumField, toBuffer, type RawBytes } from './conversion-shortcuts.ts';

export interface ChaincodeMessageSerde {
    readonly serialize: (message: ChaincodeMessage) => Buffer;
    readonly deserialize: (bytes: Buffer) => ChaincodeMessage__Output;
}

/** A decoded ChaincodeMessage instance: absent fields read their defaults from the prototype. */
interface DecodedMessage {
    readonly type: number;
    readonly timestamp: protobuf.Message | null;
    readonly payload: RawBytes;
    readonly txid: string;
    readonly proposal: {
        readonly proposal_bytes: RawBytes;
        readonly signature: RawBytes;
    } | null;
    readonly chaincode_event: protobuf.Message | null;
    readonly channel_id: string;
}

type TypeName = ChaincodeMessage__Output['type'];

/** Builds the serde from our root; `options` are proto-loader's, for the rarely set nested fields. */
export function chaincodeMessageSerde(
    root: protobuf.Root,
    options: protobuf.IConversionOptions,
): ChaincodeMessageSerde {
    const type = root.lookupType('protos.ChaincodeMessage');
    for (const nested of ['timestamp', 'proposal', 'chaincode_event']) {
        const resolved = type.fields[nested]?.resolve().resolvedType;
        if (!(resolved instanceof protobuf.Type) || hasEnumField(resolved)) {
            throw new Error(`protos.ChaincodeMessage.${nested} must be an enum-free message for the fast serialiser`);
        }
    }
    const numbers = new Map<string, number>(Object.entries(root.lookupEnum('protos.ChaincodeMessage.Type').values));
    const names: (TypeName | undefined)[] = [];
    for (const [name, number] of numbers) {
        names[number] = name as TypeName;
    }
    return {
        serialize: serializer(type, numbers),
        deserialize: deserializer(root, type, names, options),
    };
}

/** The encoder grpc-js runs: the type name mapped through `numbers`, the other fields as given. */
function serializer(type: protobuf.Type, numbers: ReadonlyMap<string, number>): ChaincodeMessageSerde['serialize'] {
    return (message) => {
        // Only the enum needs mapping: Type.encode reads the rest as fromObject would have
        // left it (bytes given as base64 strings and string longs included). An unknown name
        // is dropped, as fromObject drops it.
        const name = message.type;
        const number = typeof name === 'string' ? numbers.get(name) : name;
        const plain = {
            type: number,
            timestamp: message.timestamp,
            payload: message.payload,
            txid: message.txid,
            proposal: message.proposal,
            chaincode_event: message.chaincode_event,
            channel_id: message.channel_id,
        };
        return type.encode(plain).finish() as Buffer;
    };
}

/** The decoder: the type number mapped through `names`, bytes as Buffers, nested messages as toObject gives them. */
function deserializer(
    root: protobuf.Root,
    type: protobuf.Type,
    names: readonly (TypeName | undefined)[],
    options: protobuf.IConversionOptions,
): ChaincodeMessageSerde['deserialize'] {
    const timestampType = root.lookupType('google.protobuf.Timestamp');
    const eventType = root.lookupType('protos.ChaincodeEvent');
    return (bytes) => {
        const m = type.decode(bytes) as unknown as DecodedMessage;
        return {
            // A type number our protos do not know stays a number, as with toObject.
            type: names[m.type] ?? (m.type as unknown as TypeName),
            timestamp:
                m.timestamp === null ? null : (timestampType.toObject(m.timestamp, options) as Timestamp__Output),
            payload: toBuffer(m.payload),
            txid: m.txid,
            proposal:
                m.proposal === null
                    ? null
                    : {
                          proposal_bytes: toBuffer(m.proposal.proposal_bytes),
                          signature: toBuffer(m.proposal.signature),
                      },
            chaincode_event:
                m.chaincode_event === null
                    ? null
                    : (eventType.toObject(m.chaincode_event, options) as ChaincodeEvent__Output),
            channel_id: m.channel_id,
        };
    };
}
