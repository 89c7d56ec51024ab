// SPDX-License-Identifier: Apache-2.0
//
// fabric-shim's `Shim` for chaincode that starts itself: `Shim.start(chaincode)` runs this
// server (configured as `npm start` is) with that chaincode, `Shim.server(chaincode, opts)`
// builds a chaincode-as-a-service server from fabric-shim's options, `Shim.newLogger(name)`.

import pino, { type Logger } from 'pino';
import { ChaincodeServer } from './shim/chaincode-server.ts';
import { error, success } from './shim/response.ts';
import type { Chaincode } from './shim/types.ts';

/** fabric-shim's ChaincodeServerOpts: the package ID, `host:port`, optional TLS; `grpc.*` keys are ignored. */
export interface ChaincodeServerOpts {
    ccid: string;
    address: string;
    tlsProps?: { key: Buffer; cert: Buffer; clientCACerts?: Buffer };
    [grpcOption: `grpc.${string}`]: unknown;
}

/** What Shim.server returns: start() binds and serves, as fabric-shim's ChaincodeServer; close() (ours) stops it. */
export interface ShimServer {
    start(): Promise<void>;
    close(): void;
}

/** fabric-shim's log level names (CORE_CHAINCODE_LOGGING_LEVEL) as pino's. */
const LEVELS: Readonly<Record<string, string>> = {
    CRITICAL: 'fatal',
    ERROR: 'error',
    WARNING: 'warn',
    INFO: 'info',
    DEBUG: 'debug',
};

function newLogger(name = 'shim'): Logger {
    const level = LEVELS[(process.env.CORE_CHAINCODE_LOGGING_LEVEL ?? 'INFO').toUpperCase()] ?? 'info';
    return pino({ name, level });
}

function server(chaincode: Chaincode, opts: ChaincodeServerOpts): ShimServer {
    const tls = opts.tlsProps && {
        key: opts.tlsProps.key,
        cert: opts.tlsProps.cert,
        clientCa: opts.tlsProps.clientCACerts,
    };
    const chaincodeServer = new ChaincodeServer({
        chaincodeId: opts.ccid,
        chaincode,
        address: opts.address,
        logger: newLogger('server'),
        tls,
    });
    return {
        start: async (): Promise<void> => {
            await chaincodeServer.start();
        },
        close: (): void => {
            chaincodeServer.forceClose();
        },
    };
}

/**
 * Serves `chaincode` as `npm start` would (settings from the environment and flags: server
 * mode, or dev mode with a peer address; a `--peer.address` flag without a mode means dev mode, as
 * fabric-shim's start dials the peer), in place of the chaincode.module setting. Resolves
 * once the process has started; the process then runs until it is signalled.
 */
async function start(chaincode: Chaincode): Promise<void> {
    // fabric-shim's start always dials the peer: with a peer address and no mode, so do we.
    const args = process.argv.slice(2);
    const namesPeer = args.some((arg) => arg === '--peer.address' || arg.startsWith('--peer.address='));
    const namesMode = args.some((arg) => arg === '--mode' || arg.startsWith('--mode='));
    if (namesPeer && !namesMode && process.env.CHAINCODE_MODE === undefined) {
        process.argv.push('--mode', 'client');
    }
    const { startWith } = await import('./process/started-chaincode.ts');
    startWith(chaincode);
    await import('./main.ts');
}

/** fabric-shim's `Shim` class, as a plain object. */
export const Shim = { success, error, start, server, newLogger } as const;
