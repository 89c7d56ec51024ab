// SPDX-License-Identifier: Apache-2.0
//
// Shared by the reliability tests: a served chaincode whose log and observers can be waited
// on, a recorder of stray process errors, and raw gRPC calls for malformed frames.

import { Writable } from 'node:stream';
import type { TestContext } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import pino, { type Level } from 'pino';
import type { ChaincodeMessage, ChaincodeMessage__Output } from '../../src/wire/generated/protos/ChaincodeMessage.ts';
import { chaincodeService } from '../../src/wire/protos.ts';
import type { StreamErrorReason } from '../../src/shim/stream-observers.ts';
import type { ChaincodeServerOptions } from '../../src/shim/chaincode-server.ts';
import type { TransactionOutcome } from '../../src/shim/stream-observers.ts';
import type { Chaincode } from '../../src/shim/types.ts';
import {
    createTestCreator,
    within,
    type ChaincodeEndpoint,
    type CreatorIdentity,
    type DialTls,
    type FakePeer,
    type FakePeerOptions,
} from '../../src/testing/index.ts';
import { startServer } from '../helpers/server.ts';

export { FAIL_FAST_MS, within } from '../../src/testing/index.ts';

/** Records unhandled rejections and uncaught exceptions while installed. */
export interface StrayErrors {
    readonly errors: unknown[];
    /** Lets pending rejections surface (they are reported after the microtask queue drains), then returns them. */
    readonly settle: () => Promise<readonly unknown[]>;
    readonly stop: () => void;
}

export function recordStrayErrors(): StrayErrors {
    const errors: unknown[] = [];
    const record = (err: unknown): void => {
        errors.push(err);
    };
    process.on('unhandledRejection', record);
    process.on('uncaughtException', record);
    return {
        errors,
        settle: async () => {
            await new Promise<void>((resolve) => setImmediate(resolve));
            return errors;
        },
        stop: () => {
            process.off('unhandledRejection', record);
            process.off('uncaughtException', record);
        },
    };
}

/** A transaction-signing identity for fake peers, generated once per file and reused across connections. */
export const createCreator = createTestCreator;

export interface ServeOptions extends Partial<
    Pick<ChaincodeServerOptions, 'tls' | 'maxReceiveMessageBytes' | 'executeTimeoutMs'>
> {
    /** Capture the server's JSON log at this level (default: silent). */
    readonly logLevel?: Level;
    readonly creator?: CreatorIdentity;
}

export interface ReliabilityServer {
    readonly server: ChaincodeEndpoint;
    readonly address: string;
    readonly outcomes: TransactionOutcome[];
    readonly streamErrors: StreamErrorReason[];
    /** The server's log lines, parsed. */
    readonly logs: Record<string, unknown>[];
    /** Transactions started so far (the in-flight gauge is started minus outcomes). */
    readonly started: () => number;
    /** Resolves once `check` holds, re-checked whenever the server reports anything. */
    readonly until: (check: () => boolean, what: string) => Promise<void>;
    /** A connected fake peer, closed when the test ends. */
    readonly connectPeer: (options?: FakePeerOptions, tls?: DialTls) => Promise<FakePeer>;
}

/** Serves `chaincode` on 127.0.0.1:0 until the test ends. */
export async function serve(
    t: TestContext,
    chaincode: Chaincode,
    options: ServeOptions = {},
): Promise<ReliabilityServer> {
    const streamErrors: StreamErrorReason[] = [];
    const logs: Record<string, unknown>[] = [];
    const waiters = new Set<{ check: () => boolean; resolve: () => void }>();
    let started = 0;
    const poke = (): void => {
        for (const waiter of [...waiters]) {
            if (waiter.check()) {
                waiters.delete(waiter);
                waiter.resolve();
            }
        }
    };
    const destination = new Writable({
        write(chunk: Buffer, _encoding, callback): void {
            for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
                logs.push(JSON.parse(line) as Record<string, unknown>);
            }
            poke();
            callback();
        },
    });
    const creator = options.creator ?? (await createCreator());
    const served = await startServer(t, chaincode, {
        logger: pino({ level: options.logLevel ?? 'silent' }, destination),
        tls: options.tls,
        maxReceiveMessageBytes: options.maxReceiveMessageBytes,
        executeTimeoutMs: options.executeTimeoutMs,
        peerDefaults: { creator },
        observers: {
            onTransactionStart: () => {
                started++;
                poke();
            },
            onTransactionEnd: poke,
            onStreamError: (reason) => {
                streamErrors.push(reason);
                poke();
            },
        },
        onStreamCountChange: poke,
    });
    return {
        server: served.server,
        address: served.address,
        outcomes: served.outcomes,
        streamErrors,
        logs,
        started: () => started,
        until: (check, what) =>
            check() ? Promise.resolve() : within(new Promise<void>((resolve) => waiters.add({ check, resolve })), what),
        connectPeer: (peerOptions, tls) => within(served.connectPeer(peerOptions, tls), 'the handshake'),
    };
}

/** A Connect call that writes and reads raw bytes, so malformed frames reach the server's deserializer. */
export interface RawCall {
    readonly call: grpc.ClientDuplexStream<Buffer, Buffer>;
    /** Everything the server sent, as raw bytes. */
    readonly received: Buffer[];
    /** Resolves with the call's final status, however it ended. */
    readonly status: Promise<grpc.StatusObject>;
}

const identity = (bytes: Buffer): Buffer => bytes;

/** A plaintext client for raw calls; closed when the test ends. */
export function rawClient(t: TestContext, address: string): grpc.Client {
    const client = new grpc.Client(address, grpc.credentials.createInsecure());
    t.after(() => {
        client.close();
    });
    return client;
}

export function openRawCall(client: grpc.Client): RawCall {
    const call = client.makeBidiStreamRequest<Buffer, Buffer>(CONNECT_PATH, identity, identity);
    const received: Buffer[] = [];
    call.on('data', (bytes: Buffer) => {
        received.push(bytes);
    });
    call.on('error', () => undefined); // a non-OK status is read from 'status' instead
    const status = new Promise<grpc.StatusObject>((resolve) => call.on('status', resolve));
    return { call, received, status };
}

function connectMethod(): NonNullable<(typeof chaincodeService)['Connect']> {
    const method = chaincodeService.Connect;
    if (method === undefined) {
        throw new Error('protos.Chaincode has no Connect method');
    }
    return method;
}

const connect = connectMethod();
const CONNECT_PATH = connect.path;

/** A ChaincodeMessage as the peer's client puts it on the wire. */
export function encodeMessage(message: ChaincodeMessage): Buffer {
    return connect.requestSerialize(message);
}

/** A ChaincodeMessage the server sent, decoded. */
export function decodeMessage(bytes: Buffer): ChaincodeMessage__Output {
    return connect.responseDeserialize(bytes) as ChaincodeMessage__Output;
}
