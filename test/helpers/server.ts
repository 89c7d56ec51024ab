// SPDX-License-Identifier: Apache-2.0
//
// Starts the chaincode side for one test, with a silent logger, in either mode: a
// ChaincodeServer on 127.0.0.1:0 that fake peers dial (server mode), or ChaincodeClients that
// dial a fake peer listener (dev mode). Everything is closed when the test ends.

import type { TestContext } from 'node:test';
import pino from 'pino';
import { DevModeDialer } from '../../src/shim/dev-mode-dialer.ts';
import { ChaincodeServer, type ServerTls } from '../../src/shim/chaincode-server.ts';
import type { StreamObservers, TransactionOutcome } from '../../src/shim/stream-observers.ts';
import type { Chaincode } from '../../src/shim/types.ts';
import { FakePeer, type DialTls, type FakePeerOptions } from '../../src/testing/fake-peer.ts';
import { FakePeerListener } from '../../src/testing/fake-peer-listener.ts';

/** Who dials: the peer (server mode, chaincode as a service) or the chaincode (dev mode). */
export type Mode = 'server' | 'client';
export const MODES: readonly Mode[] = ['server', 'client'];

/** What tests observe of the chaincode side, whichever mode it runs in. */
export interface ChaincodeEndpoint {
    readonly openStreams: number;
    readonly inFlight: number;
}

export const TEST_CHAINCODE_ID = 'basic_1.0:0123456789abcdef';

export interface TestServer {
    readonly server: ChaincodeEndpoint;
    readonly address: string;
    /** Every transaction outcome, in order of completion. */
    readonly outcomes: TransactionOutcome[];
    /** Resolves when `count` transactions have ended on the server side. */
    readonly transactionsEnded: (count: number) => Promise<void>;
    /** A connected fake peer, closed when the test ends (TLS: server mode only). */
    readonly connectPeer: (options?: FakePeerOptions, tls?: DialTls) => Promise<FakePeer>;
}

export async function startServer(
    t: TestContext,
    chaincode: Chaincode,
    options: {
        tls?: ServerTls;
        maxReceiveMessageBytes?: number;
        observers?: StreamObservers;
        executeTimeoutMs?: number;
        mode?: Mode;
        onStreamCountChange?: (open: number) => void;
    } = {},
): Promise<TestServer> {
    const outcomes: TransactionOutcome[] = [];
    const waiters: { count: number; resolve: () => void }[] = [];
    const common = {
        chaincodeId: TEST_CHAINCODE_ID,
        chaincode,
        logger: pino({ level: 'silent' }),
        maxReceiveMessageBytes: options.maxReceiveMessageBytes,
        executeTimeoutMs: options.executeTimeoutMs,
        observers: {
            ...options.observers,
            onTransactionEnd: (outcome: TransactionOutcome) => {
                outcomes.push(outcome);
                options.observers?.onTransactionEnd?.(outcome);
                for (const waiter of waiters.filter((w) => outcomes.length >= w.count)) {
                    waiter.resolve();
                }
            },
        },
    };
    const transactionsEnded = (count: number): Promise<void> =>
        outcomes.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve }));
    if (options.mode === 'client') {
        return startClients(t, common, outcomes, transactionsEnded);
    }
    const server = new ChaincodeServer({
        ...common,
        address: '127.0.0.1:0',
        tls: options.tls,
        onStreamCountChange: options.onStreamCountChange,
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
        transactionsEnded,
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

/**
 * Dev mode: a fake peer listener, and one DevModeDialer per connectPeer() dialling it. The
 * clients' reconnect backoff is long, so a closed stream stays closed for the test.
 */
async function startClients(
    t: TestContext,
    common: Omit<ConstructorParameters<typeof DevModeDialer>[0], 'peerAddress'>,
    outcomes: TransactionOutcome[],
    transactionsEnded: (count: number) => Promise<void>,
): Promise<TestServer> {
    const listener = new FakePeerListener({ chaincodeId: TEST_CHAINCODE_ID });
    const port = await listener.listen('127.0.0.1:0');
    const address = `127.0.0.1:${port}`;
    const clients: DevModeDialer[] = [];
    t.after(() => {
        for (const client of clients) {
            client.forceClose();
        }
        listener.stop();
    });
    const server: ChaincodeEndpoint = {
        get openStreams() {
            return clients.reduce((sum, client) => sum + client.openStreams, 0);
        },
        get inFlight() {
            return clients.reduce((sum, client) => sum + client.inFlight, 0);
        },
    };
    return {
        server,
        address,
        outcomes,
        transactionsEnded,
        connectPeer: async (peerOptions = {}, tls) => {
            if (tls !== undefined) {
                throw new Error('the dev-mode helper does not dial with TLS; use the TLS tests');
            }
            const accepted = listener.accept({ chaincodeId: TEST_CHAINCODE_ID, ...peerOptions });
            const client = new DevModeDialer({ ...common, peerAddress: address, reconnectInitialMs: 3_600_000 });
            clients.push(client);
            client.start();
            return accepted;
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
