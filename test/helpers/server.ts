// SPDX-License-Identifier: Apache-2.0
//
// Starts a ChaincodeServer on 127.0.0.1:0 for one test, with a silent logger, and closes
// it (and every fake peer the test made) when the test ends.

import type { TestContext } from 'node:test';
import pino from 'pino';
import { ChaincodeServer, type ServerTls } from '../../src/shim/chaincode-server.ts';
import type { StreamObservers, TransactionOutcome } from '../../src/shim/stream-handler.ts';
import type { Chaincode } from '../../src/shim/types.ts';
import { FakePeer, type DialTls, type FakePeerOptions } from '../../src/testing/fake-peer.ts';

export const TEST_CHAINCODE_ID = 'basic_1.0:0123456789abcdef';

export interface TestServer {
    readonly server: ChaincodeServer;
    readonly address: string;
    /** Every transaction outcome, in order of completion. */
    readonly outcomes: TransactionOutcome[];
    /** Resolves when `count` transactions have ended on the server side. */
    readonly transactionsEnded: (count: number) => Promise<void>;
    /** A connected fake peer, closed when the test ends. */
    readonly connectPeer: (options?: FakePeerOptions, tls?: DialTls) => Promise<FakePeer>;
}

export async function startServer(
    t: TestContext,
    chaincode: Chaincode,
    options: { tls?: ServerTls; maxReceiveMessageBytes?: number; observers?: StreamObservers } = {},
): Promise<TestServer> {
    const outcomes: TransactionOutcome[] = [];
    const waiters: { count: number; resolve: () => void }[] = [];
    const server = new ChaincodeServer({
        chaincodeId: TEST_CHAINCODE_ID,
        chaincode,
        address: '127.0.0.1:0',
        logger: pino({ level: 'silent' }),
        tls: options.tls,
        maxReceiveMessageBytes: options.maxReceiveMessageBytes,
        observers: {
            ...options.observers,
            onTransactionEnd: (outcome) => {
                outcomes.push(outcome);
                options.observers?.onTransactionEnd?.(outcome);
                for (const waiter of waiters.filter((w) => outcomes.length >= w.count)) {
                    waiter.resolve();
                }
            },
        },
    });
    const port = await server.start();
    t.after(() => {
        server.forceClose();
    });
    const address = `127.0.0.1:${port}`;
    return {
        server,
        address,
        outcomes,
        transactionsEnded: (count) =>
            outcomes.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
        connectPeer: async (peerOptions = {}, tls) => {
            const peer = new FakePeer({ chaincodeId: TEST_CHAINCODE_ID, ...peerOptions });
            t.after(() => {
                peer.close();
            });
            await peer.connect(address, tls);
            return peer;
        },
    };
}

/** A promise with its resolve handle, for gating chaincode steps from a test. */
export function gate<T = void>(): { promise: Promise<T>; open: (value: T) => void } {
    let open!: (value: T) => void;
    const promise = new Promise<T>((resolve) => {
        open = resolve;
    });
    return { promise, open };
}
