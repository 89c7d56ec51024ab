// SPDX-License-Identifier: Apache-2.0
//
// The shutdown sequence of the built server, as Kubernetes drives it: SIGTERM while a
// transaction runs turns /readyz 503, lets the transaction finish, refuses new ones, and
// exits 0 within the grace; a transaction longer than the grace is cut and the exit is 1.

import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { FakePeer, TEST_PACKAGE_ID } from '../../src/testing/index.ts';
import { ENTRY_POINT, startChildServer, type ChildServer } from '../helpers/child-server.ts';

const MODULE = path.resolve(import.meta.dirname, '..', 'fixtures', 'modules', 'slow-chaincode.ts');

async function startSlowServer(
    t: TestContext,
    graceMs: number,
): Promise<{ server: ChildServer; peer: FakePeer; sidecar: string }> {
    const server = await startChildServer(
        t,
        { CHAINCODE_ID: TEST_PACKAGE_ID, CHAINCODE_MODULE: MODULE, SHUTDOWN_GRACE_MS: String(graceMs) },
        ENTRY_POINT,
        ['--import', 'tsx'],
    );
    const sidecarLine = await server.waitForLog((line) => line.msg === 'sidecar listening');
    const peer = new FakePeer({ chaincodeId: TEST_PACKAGE_ID, answerRequests: false });
    t.after(() => {
        peer.close();
    });
    await peer.connect(server.grpcAddress);
    return { server, peer, sidecar: String(sidecarLine.address) };
}

describe('graceful drain on SIGTERM', () => {
    test('readiness drops at once, the running transaction completes, new ones are refused, exit 0', async (t) => {
        const { server, peer, sidecar } = await startSlowServer(t, 10_000);
        assert.equal((await fetch(`${sidecar}/readyz`)).status, 200);
        const running = peer.invoke(['slow']);
        await peer.waitFor((m) => m.type === 'GET_STATE');

        server.child.kill('SIGTERM');
        await server.waitForLog((line) => line.msg === 'draining');
        assert.equal((await fetch(`${sidecar}/readyz`)).status, 503);
        const refused = await peer.invoke(['echo', 'late']);
        assert.equal(refused.type, 'ERROR');
        assert.match(refused.message, /shutting down/);

        peer.answerHeldRequests();
        const result = await running;
        assert.deepEqual([result.type, result.status, result.payload.toString()], ['COMPLETED', 200, 'finished']);
        assert.equal(await server.exited, 0);
        assert.ok(server.logs.some((line) => line.msg === 'shutdown complete'));
    });

    test('a transaction longer than the grace is cut at the deadline: exit 1, and the log says what was cut', async (t) => {
        const { server, peer } = await startSlowServer(t, 200);
        void peer.invoke(['slow']).catch(() => undefined); // its read is never answered: cut by the shutdown
        await peer.waitFor((m) => m.type === 'GET_STATE');
        server.child.kill('SIGTERM');
        assert.equal(await server.exited, 1);
        const cut = server.logs.find((line) => typeof line.msg === 'string' && line.msg.includes('were cut'));
        assert.equal(cut?.cut, 1);
    });
});
