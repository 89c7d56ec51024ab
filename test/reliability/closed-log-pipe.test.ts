// SPDX-License-Identifier: Apache-2.0
//
// The built server with its log piped to a reader that goes away (`node dist/main.js 2>&1 |
// head -5`): whether the pipe closes before the signal or in the middle of the drain, SIGTERM
// and SIGINT still end the process, with the exit code of a clean drain.

import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { describe, test, type TestContext } from 'node:test';
import { FakePeer } from '../../src/testing/fake-peer.ts';
import { ENTRY_POINT } from '../helpers/child-server.ts';
import { within } from './support.ts';

const CHAINCODE_ID = 'pipe_1.0:0123';
const MODULE = path.resolve(import.meta.dirname, '..', 'fixtures', 'modules', 'slow-chaincode.ts');

interface PipedServer {
    readonly child: ChildProcess;
    readonly grpcAddress: string;
    readonly exited: Promise<number | null>;
    readonly waitForLog: (msg: string) => Promise<Record<string, unknown>>;
    /** Closes the read end of the log pipe, as a `head` that has read enough does. */
    readonly closeReader: () => void;
}

/** Starts dist/main.js with stdout and stderr on one pipe (a shell's `2>&1`), read line by line. */
async function startPiped(t: TestContext): Promise<PipedServer> {
    const child = spawn('sh', ['-c', 'exec "$0" "$@" 2>&1', process.execPath, '--import', 'tsx', ENTRY_POINT], {
        env: {
            PATH: process.env.PATH ?? '',
            CHAINCODE_ID,
            CHAINCODE_MODULE: MODULE,
            CHAINCODE_SERVER_ADDRESS: '127.0.0.1:0',
            SIDECAR_ADDRESS: '127.0.0.1:0',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    t.after(() => {
        if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
            process.kill(child.pid, 'SIGKILL');
        }
    });
    const lines: Record<string, unknown>[] = [];
    const waiters: { msg: string; resolve: (line: Record<string, unknown>) => void }[] = [];
    const reader = createInterface({ input: child.stdout });
    reader.on('line', (text) => {
        const line = text.startsWith('{') ? (JSON.parse(text) as Record<string, unknown>) : { msg: text };
        lines.push(line);
        for (const waiter of waiters.filter((w) => w.msg === line.msg)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(line);
        }
    });
    const waitForLog = (msg: string): Promise<Record<string, unknown>> => {
        const seen = lines.find((line) => line.msg === msg);
        return within(seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ msg, resolve })), msg);
    };
    const listening = await waitForLog('chaincode server listening');
    await waitForLog('sidecar listening');
    return {
        child,
        grpcAddress: `127.0.0.1:${String(listening.port)}`,
        exited,
        waitForLog,
        closeReader: () => {
            reader.close();
            child.stdout.destroy();
        },
    };
}

describe('a log pipe whose reader has gone', () => {
    for (const signal of ['SIGTERM', 'SIGINT'] as const) {
        test(`closed before ${signal}: the process still drains and exits 0`, async (t) => {
            const server = await startPiped(t);
            server.closeReader();
            server.child.kill(signal);
            assert.equal(await within(server.exited, `the process to exit after ${signal}`), 0);
        });
    }

    test('closed in the middle of the drain: the running transaction completes and the process exits 0', async (t) => {
        const server = await startPiped(t);
        const peer = new FakePeer({ chaincodeId: CHAINCODE_ID, answerRequests: false });
        t.after(() => {
            peer.close();
        });
        await within(peer.connect(server.grpcAddress), 'the handshake');
        const running = peer.invoke(['slow']);
        await within(
            peer.waitFor((m) => m.type === 'GET_STATE'),
            'the held ledger read',
        );
        server.child.kill('SIGTERM');
        await server.waitForLog('draining');
        server.closeReader();
        peer.answerHeldRequests();
        const result = await within(running, 'the running transaction');
        assert.deepEqual([result.type, result.status], ['COMPLETED', 200]);
        assert.equal(await within(server.exited, 'the process to exit after SIGTERM'), 0);
    });
});
