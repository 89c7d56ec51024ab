// SPDX-License-Identifier: Apache-2.0
//
// Dev mode's log while the peer cannot be reached: exactly one line per failed dial attempt,
// carrying the attempt, the delay drawn and the reason, and no stack trace.

import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import pino from 'pino';
import { DevModeDialer } from '../../src/shim/dev-mode-dialer.ts';
import { probeChaincode } from '../fixtures/probe-chaincode.ts';
import { within } from '../reliability/support.ts';
import { TEST_PACKAGE_ID } from '../../src/testing/index.ts';

const ATTEMPTS = 4;

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    assert.ok(address !== null && typeof address === 'object');
    await new Promise<void>((resolve) =>
        server.close(() => {
            resolve();
        }),
    );
    return address.port;
}

test('dev mode logs one line per failed dial attempt, without a stack', async (t) => {
    const lines: Record<string, unknown>[] = [];
    let wake = (): void => undefined;
    const destination = new Writable({
        write(chunk: Buffer, _encoding, callback): void {
            for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
                lines.push(JSON.parse(line) as Record<string, unknown>);
            }
            wake();
            callback();
        },
    });
    const failed = (): Record<string, unknown>[] =>
        lines.filter((l) => l.msg === 'cannot reach the peer; dialling again');
    const client = new DevModeDialer({
        chaincodeId: TEST_PACKAGE_ID,
        chaincode: probeChaincode(),
        peerAddress: `127.0.0.1:${String(await closedPort())}`,
        logger: pino({ level: 'info' }, destination),
        reconnectInitialMs: 4,
        reconnectMaxMs: 16,
        random: () => 0.5,
    });
    t.after(() => {
        client.forceClose();
    });
    const enough = new Promise<void>((resolve) => {
        wake = () => {
            if (failed().length >= ATTEMPTS) {
                client.forceClose();
                resolve();
            }
        };
    });
    client.start();
    await within(enough, `${String(ATTEMPTS)} failed dial attempts`);

    const attempts = failed().slice(0, ATTEMPTS);
    assert.deepEqual(
        attempts.map((l) => [l.attempt, l.delayMs]),
        [
            [1, 2],
            [2, 4],
            [3, 8],
            [4, 8],
        ],
    );
    for (const line of attempts) {
        assert.match(String(line.reason), /UNAVAILABLE/);
        assert.equal(line.err, undefined);
    }
    // Nothing else at info or above while the peer stays unreachable.
    const firstLines = lines.slice(0, lines.indexOf(attempts[ATTEMPTS - 1] ?? {}) + 1);
    assert.deepEqual(
        firstLines.map((l) => l.msg),
        Array<string>(ATTEMPTS).fill('cannot reach the peer; dialling again'),
    );
    assert.ok(!JSON.stringify(firstLines).includes('"stack"'));
});
