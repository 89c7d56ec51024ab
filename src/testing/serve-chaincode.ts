// SPDX-License-Identifier: Apache-2.0
//
// Serves a chaincode for a test on 127.0.0.1:0, in either mode: a ChaincodeServer that fake
// peers dial (server mode, chaincode as a service), or DevModeDialers that dial a fake peer
// listener (dev mode). Every transaction outcome is recorded; close() stops everything.

import pino, { type Logger } from 'pino';
import { ChaincodeServer, type ServerTls } from '../shim/chaincode-server.ts';
import { DevModeDialer, type DevModeDialerOptions } from '../shim/dev-mode-dialer.ts';
import type { StreamObservers, TransactionOutcome } from '../shim/stream-observers.ts';
import type { Chaincode } from '../shim/types.ts';
import { FakePeer } from './fake-peer.ts';
import { FakePeerListener } from './fake-peer-listener.ts';
import type { DialTls, FakePeerOptions } from './fake-peer-options.ts';

/** The package ID the test kit registers with, unless a test names another. */
export const TEST_PACKAGE_ID = 'test_1.0:0000000000000000000000000000000000000000000000000000000000000000';

/** Who dials: the peer (server mode) or the chaincode (dev mode). */
export type ServeMode = 'server' | 'client';

export interface ServeOptions {
    readonly mode?: ServeMode;
    /** Server mode only. */
    readonly tls?: ServerTls;
    readonly maxReceiveMessageBytes?: number;
    readonly executeTimeoutMs?: number;
    readonly observers?: StreamObservers;
    readonly onStreamCountChange?: (open: number) => void;
    /** Default: silent. */
    readonly logger?: Logger;
    /** Options every connected fake peer starts from (a shared creator, say). */
    readonly peerDefaults?: FakePeerOptions;
}

/** What a test sees of the chaincode side, whichever mode it runs in. */
export interface ChaincodeEndpoint {
    readonly openStreams: number;
    readonly inFlight: number;
}

export interface ServedChaincode {
    readonly server: ChaincodeEndpoint;
    /** Server mode: the server's address; dev mode: the fake peer listener's. */
    readonly address: string;
    /** Every transaction outcome, in order of completion. */
    readonly outcomes: TransactionOutcome[];
    /** Resolves when `count` transactions have ended on the chaincode side. */
    readonly transactionsEnded: (count: number) => Promise<void>;
    /** A fake peer connected to the chaincode (TLS: server mode only). */
    readonly connectPeer: (options?: FakePeerOptions, tls?: DialTls) => Promise<FakePeer>;
    /** Closes every peer and stops the chaincode side at once. */
    readonly close: () => void;
}

/** Serves `chaincode` until `close()`. */
export async function serveChaincode(chaincode: Chaincode, options: ServeOptions = {}): Promise<ServedChaincode> {
    const outcomes: TransactionOutcome[] = [];
    const waiters: { count: number; resolve: () => void }[] = [];
    const common = {
        chaincodeId: TEST_PACKAGE_ID,
        chaincode,
        logger: options.logger ?? pino({ level: 'silent' }),
        maxReceiveMessageBytes: options.maxReceiveMessageBytes,
        executeTimeoutMs: options.executeTimeoutMs,
        observers: {
            ...options.observers,
            onTransactionEnd: (outcome: TransactionOutcome): void => {
                outcomes.push(outcome);
                options.observers?.onTransactionEnd?.(outcome);
                for (const waiter of waiters.filter((w) => outcomes.length >= w.count)) {
                    waiter.resolve();
                }
            },
        },
    };
    const recorded = {
        outcomes,
        transactionsEnded: (count: number): Promise<void> =>
            outcomes.length >= count ? Promise.resolve() : new Promise((resolve) => waiters.push({ count, resolve })),
    };
    const side = options.mode === 'client' ? await dialFromChaincode(common) : await serveToPeers(common, options);
    const peers: FakePeer[] = [];
    const defaults = { chaincodeId: TEST_PACKAGE_ID, ...options.peerDefaults };
    return {
        ...recorded,
        server: side.endpoint,
        address: side.address,
        connectPeer: async (peerOptions = {}, tls) => {
            const peer = await side.connect({ ...defaults, ...peerOptions }, tls);
            peers.push(peer);
            return peer;
        },
        close: () => {
            for (const peer of peers) {
                peer.close();
            }
            side.stop();
        },
    };
}

/** One mode's chaincode side. */
interface ChaincodeSide {
    readonly endpoint: ChaincodeEndpoint;
    readonly address: string;
    readonly connect: (options: FakePeerOptions, tls?: DialTls) => Promise<FakePeer>;
    readonly stop: () => void;
}

type CommonOptions = Omit<DevModeDialerOptions, 'peerAddress'>;

async function serveToPeers(common: CommonOptions, options: ServeOptions): Promise<ChaincodeSide> {
    const server = new ChaincodeServer({
        ...common,
        address: '127.0.0.1:0',
        tls: options.tls,
        onStreamCountChange: options.onStreamCountChange,
    });
    const address = `127.0.0.1:${await server.start()}`;
    return {
        endpoint: server,
        address,
        connect: async (peerOptions, tls) => {
            const peer = new FakePeer(peerOptions);
            try {
                await peer.connect(address, tls);
            } catch (err) {
                peer.close();
                throw err;
            }
            return peer;
        },
        stop: () => {
            server.forceClose();
        },
    };
}

/** Dev mode: one DevModeDialer per connected peer; their backoff is long, so a lost stream stays lost. */
async function dialFromChaincode(common: CommonOptions): Promise<ChaincodeSide> {
    const listener = new FakePeerListener({ chaincodeId: TEST_PACKAGE_ID });
    const address = `127.0.0.1:${await listener.listen('127.0.0.1:0')}`;
    const dialers: DevModeDialer[] = [];
    return {
        endpoint: {
            get openStreams() {
                return dialers.reduce((sum, dialer) => sum + dialer.openStreams, 0);
            },
            get inFlight() {
                return dialers.reduce((sum, dialer) => sum + dialer.inFlight, 0);
            },
        },
        address,
        connect: (peerOptions, tls) => {
            if (tls !== undefined) {
                return Promise.reject(new Error('dev mode is served without TLS here; use server mode for TLS'));
            }
            const accepted = listener.accept(peerOptions);
            const dialer = new DevModeDialer({ ...common, peerAddress: address, reconnectInitialMs: 3_600_000 });
            dialers.push(dialer);
            dialer.start();
            return accepted;
        },
        stop: () => {
            for (const dialer of dialers) {
                dialer.forceClose();
            }
            listener.stop();
        },
    };
}
