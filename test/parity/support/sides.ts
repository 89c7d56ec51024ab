// SPDX-License-Identifier: Apache-2.0
//
// The two servers a parity test drives: fabric-shim 2.5.8's own (a child process, as
// chaincode-as-a-service) and ours (src/main.ts as a child for contract modules, so the
// chaincode.module path is the one exercised; in-process for a low-level chaincode).

import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pino from 'pino';
import * as ours from '../../../src/index.ts';
import { startChildServer } from '../../helpers/child-server.ts';
import { freePort } from '../../../src/testing/free-port.ts';

export const PARITY_CHAINCODE_ID = 'parity_1.0:0000000000000000000000000000000000000000000000000000000000000000';

const require = createRequire(import.meta.url);
const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');
const FABRIC_SHIM_CLI = path.join(ROOT, 'node_modules', 'fabric-shim', 'cli.js');
const CHAINCODE_SCRIPT = path.join(import.meta.dirname, 'fabric-shim-chaincode.cjs');
/** fabric-shim's winston logger and fabric-contract-api's decorator logs, quietened. */
const QUIET = { CORE_CHAINCODE_LOGGING_LEVEL: 'ERROR' };

function accepts(port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const socket = connect(port, '127.0.0.1');
        socket.once('connect', () => {
            socket.destroy();
            resolve(true);
        });
        socket.once('error', () => {
            resolve(false);
        });
    });
}

/** A fabric-shim server process: where it listens, and its exit (code or signal). */
export interface FabricShimProcess {
    readonly address: string;
    readonly exited: Promise<string>;
}

/** Runs `args` with node and resolves once its port accepts connections. */
async function spawnListening(t: TestContext, args: readonly string[], port: number): Promise<FabricShimProcess> {
    const child = spawn(process.execPath, args, {
        env: { PATH: process.env.PATH ?? '', ...QUIET },
        stdio: ['ignore', 'ignore', 'pipe'],
    });
    const exited = new Promise<string>((resolve) => {
        child.once('exit', (code, signal) => {
            resolve(signal ?? String(code));
        });
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
    });
    t.after(() => {
        if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGKILL');
        }
    });
    // Bounded: 200 attempts, 50 ms apart.
    for (let attempt = 0; attempt < 200; attempt++) {
        if (child.exitCode !== null) {
            throw new Error(`fabric-shim exited with ${child.exitCode}: ${stderr}`);
        }
        if (await accepts(port)) {
            return { address: `127.0.0.1:${port}`, exited };
        }
        await sleep(50);
    }
    throw new Error(`fabric-shim did not listen on ${port}: ${stderr}`);
}

/** fabric-shim's `fabric-chaincode-node server --module-path DIR`, exactly as a CCaaS image runs it. */
export async function startFabricShimContracts(t: TestContext, moduleDir: string): Promise<FabricShimProcess> {
    const port = await freePort();
    const args = [
        FABRIC_SHIM_CLI,
        'server',
        '--chaincode-address',
        `127.0.0.1:${port}`,
        '--chaincode-id',
        PARITY_CHAINCODE_ID,
        '--module-path',
        moduleDir,
    ];
    return spawnListening(t, args, port);
}

/** A low-level chaincode fixture (`createChaincode(shim)`) on fabric-shim's `shim.server()`. */
export async function startFabricShimChaincode(t: TestContext, fixtureDir: string): Promise<FabricShimProcess> {
    const port = await freePort();
    return spawnListening(t, [CHAINCODE_SCRIPT, `127.0.0.1:${port}`, PARITY_CHAINCODE_ID, fixtureDir], port);
}

/** Our server on `moduleDir` through the chaincode.module setting (src/main.ts, run by tsx). */
export async function startOurContracts(t: TestContext, moduleDir: string): Promise<string> {
    const server = await startChildServer(
        t,
        { ...QUIET, CHAINCODE_MODULE: moduleDir, CHAINCODE_ID: PARITY_CHAINCODE_ID },
        path.join(ROOT, 'src', 'main.ts'),
        ['--import', 'tsx'],
    );
    return server.grpcAddress;
}

/** The same low-level fixture on our ChaincodeServer, in this process, given our shim module. */
export async function startOurChaincode(t: TestContext, fixtureDir: string): Promise<string> {
    const { createChaincode } = require(path.resolve(fixtureDir)) as {
        createChaincode: (shim: typeof ours) => ours.Chaincode;
    };
    const server = new ours.ChaincodeServer({
        chaincodeId: PARITY_CHAINCODE_ID,
        chaincode: createChaincode(ours),
        address: '127.0.0.1:0',
        logger: pino({ level: 'silent' }),
    });
    const port = await server.start();
    t.after(() => {
        server.forceClose();
    });
    return `127.0.0.1:${port}`;
}
