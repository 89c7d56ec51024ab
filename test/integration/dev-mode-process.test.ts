// SPDX-License-Identifier: Apache-2.0
//
// The built entry point in client (dev) mode: it dials the fake peer's listener, is ready
// while registered and not ready while the peer is gone, reports the stream on /info and
// /metrics, and drains and exits 0 on SIGTERM.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { test, type TestContext } from 'node:test';
import { FakePeerListener, TEST_PACKAGE_ID } from '../../src/testing/index.ts';
import { ENTRY_POINT } from '../helpers/child-server.ts';

type LogLine = Record<string, unknown>;

/** Starts dist/main.js in client mode; `nextLog(msg)` resolves with the next line carrying `msg`. */
function startClientProcess(t: TestContext, peerPort: number) {
    const child = spawn(process.execPath, [ENTRY_POINT], {
        env: {
            PATH: process.env.PATH ?? '',
            CHAINCODE_ID: TEST_PACKAGE_ID,
            CHAINCODE_MODE: 'client',
            CORE_PEER_ADDRESS: `127.0.0.1:${String(peerPort)}`,
            SIDECAR_ADDRESS: '127.0.0.1:0',
        },
        stdio: ['ignore', 'pipe', 'inherit'],
    });
    t.after(() => {
        if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGKILL');
        }
    });
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    const logs: LogLine[] = [];
    const waiters: { msg: string; resolve: (line: LogLine) => void }[] = [];
    createInterface({ input: child.stdout }).on('line', (text) => {
        const line = JSON.parse(text) as LogLine;
        logs.push(line);
        for (const waiter of waiters.filter((w) => w.msg === line.msg)) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(line);
        }
    });
    const nextLog = (msg: string): Promise<LogLine> =>
        new Promise((resolve, reject) => {
            waiters.push({ msg, resolve });
            void exited.then((code) => {
                reject(new Error(`the process exited (code ${String(code)}) before logging "${msg}"`));
            });
        });
    return { child, exited, logs, nextLog };
}

test('client mode: ready while registered, not ready while the peer is gone, drained on SIGTERM', async (t) => {
    const listener = new FakePeerListener({ chaincodeId: TEST_PACKAGE_ID });
    t.after(() => {
        listener.stop();
    });
    const port = await listener.listen('127.0.0.1:0');
    const proc = startClientProcess(t, port);
    const sidecarLine = proc.nextLog('sidecar listening');
    const registered = proc.nextLog('registered with the peer');
    const sidecar = String((await sidecarLine).address);
    await listener.accept();
    await registered;

    assert.equal((await fetch(`${sidecar}/readyz`)).status, 200);
    const info = (await (await fetch(`${sidecar}/info`)).json()) as Record<string, unknown>;
    assert.deepEqual([info.mode, info.tls, info.openStreams, info.packageId], ['client', 'off', 1, TEST_PACKAGE_ID]);
    assert.match(await (await fetch(`${sidecar}/metrics`)).text(), /^chaincode_peer_streams 1$/m);

    const lost = proc.nextLog('stream to the peer lost; dialling again');
    listener.stop();
    await lost;
    assert.equal((await fetch(`${sidecar}/readyz`)).status, 503);
    assert.match(await (await fetch(`${sidecar}/metrics`)).text(), /^chaincode_peer_streams 0$/m);

    const draining = proc.nextLog('draining');
    proc.child.kill('SIGTERM');
    await draining;
    assert.equal(await proc.exited, 0);
    assert.ok(proc.logs.some((line) => line.msg === 'shutdown complete'));
});
