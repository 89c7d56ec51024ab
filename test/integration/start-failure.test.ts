// SPDX-License-Identifier: Apache-2.0
//
// A start-up failure that is no bad setting (here: the gRPC port is taken), with a contracts
// module loaded: exit 1 and one JSON fatal line naming the failure and its cause; no text
// line, no uncaught-exception report and no drain.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { test } from 'node:test';
import { ENTRY_POINT, CONTRACT_EXAMPLE_MODULE } from '../helpers/child-server.ts';
import { within } from '../reliability/support.ts';

test('a port in use ends start-up with one fatal JSON line carrying the cause, exit 1', async (t) => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    t.after(() => {
        taken.close();
    });
    const address = taken.address();
    assert.ok(address !== null && typeof address === 'object');
    const child = spawn(process.execPath, [ENTRY_POINT], {
        env: {
            PATH: process.env.PATH ?? '',
            CHAINCODE_MODULE: CONTRACT_EXAMPLE_MODULE,
            CHAINCODE_SERVER_ADDRESS: `127.0.0.1:${String(address.port)}`,
            SIDECAR_ADDRESS: '127.0.0.1:0',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    t.after(() => {
        if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
            process.kill(child.pid, 'SIGKILL');
        }
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await within(new Promise<number | null>((resolve) => child.on('close', resolve)), 'the exit');

    assert.equal(code, 1);
    assert.equal(stderr, '');
    const lines = stdout.split('\n').filter(Boolean);
    const parsed = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    const fatal = parsed.filter((line) => line.level === 60);
    assert.equal(fatal.length, 1, stdout);
    assert.match(String(fatal[0]?.msg), /^start-up failed: cannot listen on 127\.0\.0\.1:\d+/);
    const err = fatal[0]?.err as { stack?: string } | undefined;
    assert.match(err?.stack ?? '', /caused by: .*EADDRINUSE/s);
    assert.ok(!stdout.includes('uncaughtException'));
    assert.ok(!parsed.some((line) => line.msg === 'draining'));
});
