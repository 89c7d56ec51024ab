// SPDX-License-Identifier: Apache-2.0
//
// Shared by the reliability tests: a server whose observers can be waited on, a recorder
// of stray process errors, a fail-fast deadline, and a peer identity made once per file.

import { Writable } from 'node:stream';
import type { TestContext } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import pino, { type Level } from 'pino';
import type { ChaincodeMessage, ChaincodeMessage__Output } from '../../src/wire/generated/protos/ChaincodeMessage.ts';
import { chaincodeService } from '../../src/wire/protos.ts';
import type { StreamErrorReason } from '../../src/shim/stream-observers.ts';
import { ChaincodeServer, type ChaincodeServerOptions } from '../../src/shim/chaincode-server.ts';
import type { TransactionOutcome } from '../../src/shim/stream-observers.ts';
import type { Chaincode } from '../../src/shim/types.ts';
import { createCertificateAuthority } from '../../src/testing/certs.ts';
import { FakePeer, type DialTls, type FakePeerOptions } from '../../src/testing/fake-peer.ts';
import type { CreatorIdentity } from '../../src/testing/proposal-builder.ts';

export const CHAINCODE_ID = 'reliability_1.0:0123456789abcdef';

/** How long any single wait may take before the test fails instead of hanging. */
export const FAIL_FAST_MS = 15_000;

/** Rejects with `what` if `promise` has not settled within `ms`. */
export async function within<T>(promise: Promise<T>, what: string, ms = FAIL_FAST_MS): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
            reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
        }, ms);
    });
    try {
        return await Promise.race([promise, deadline]);
    } finally {
        clearTimeout(timer);
    }
}

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

/** A transaction-signing identity for fake peers, generated once and reused across connections. */
export async function createCreator(): Promise<CreatorIdentity> {
    const ca = await createCertificateAuthority('ca.org1.example.com');
    const user = await ca.issue({ commonName: 'User1@org1.example.com', usage: 'client' });
    return { mspid: 'Org1MSP', certificate: user.cert, privateKey: user.key };
}

export interface ServeOptions extends Partial<
    Pick<ChaincodeServerOptions, 'tls' | 'maxReceiveMessageBytes' | 'executeTimeoutMs'>
> {
    /** Capture the server's JSON log at this level (default: silent). */
    readonly logLevel?: Level;
    readonly creator?: CreatorIdentity;
}

export interface ReliabilityServer {
    readonly server: ChaincodeServer;
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
    const outcomes: TransactionOutcome[] = [];
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
    const server = new ChaincodeServer({
        chaincodeId: CHAINCODE_ID,
        chaincode,
        address: '127.0.0.1:0',
        logger: pino({ level: options.logLevel ?? 'silent' }, destination),
        tls: options.tls,
        maxReceiveMessageBytes: options.maxReceiveMessageBytes,
        executeTimeoutMs: options.executeTimeoutMs,
        observers: {
            onTransactionStart: () => {
                started++;
                poke();
            },
            onTransactionEnd: (outcome) => {
                outcomes.push(outcome);
                poke();
            },
            onStreamError: (reason) => {
                streamErrors.push(reason);
                poke();
            },
        },
        onStreamCountChange: poke,
    });
    const port = await server.start();
    t.after(() => {
        server.forceClose();
    });
    const address = `127.0.0.1:${port}`;
    const creator = options.creator ?? (await createCreator());
    return {
        server,
        address,
        outcomes,
        streamErrors,
        logs,
        started: () => started,
        until: (check, what) =>
            check() ? Promise.resolve() : within(new Promise<void>((resolve) => waiters.add({ check, resolve })), what),
        connectPeer: async (peerOptions = {}, tls) => {
            const peer = new FakePeer({ chaincodeId: CHAINCODE_ID, creator, ...peerOptions });
            t.after(() => {
                peer.close();
            });
            await within(peer.connect(address, tls), 'the handshake');
            return peer;
        },
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
