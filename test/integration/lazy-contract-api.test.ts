// SPDX-License-Identifier: Apache-2.0
//
// fabric-contract-api is loaded only when a contracts module is served: the built server with
// the plain example never loads it (nor winston), and with the contract example it does, its
// log then coming out as JSON lines of ours, with no coloured text line on stdout.

import assert from 'node:assert/strict';
import path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { ENTRY_POINT, startChildServer, type ChildServer, CONTRACT_EXAMPLE_MODULE } from '../helpers/child-server.ts';
import { within } from '../reliability/support.ts';

const REPORTER = path.resolve(import.meta.dirname, '..', 'fixtures', 'report-loaded-packages.ts');

async function loadedPackages(t: TestContext, env: Record<string, string>): Promise<[string[], ChildServer]> {
    const server = await startChildServer(t, env, ENTRY_POINT, ['--import', 'tsx', '--import', REPORTER]);
    await server.waitForLog((line) => line.msg === 'sidecar listening');
    server.child.kill('SIGTERM');
    assert.equal(await within(server.exited, 'the server to exit'), 0);
    const report = server.logs.find((line) => line.msg === 'loaded packages');
    assert.ok(report, 'the loaded-packages report');
    return [report.packages as string[], server];
}

describe('loading fabric-contract-api', () => {
    test('serving the plain example loads neither fabric-contract-api nor winston', async (t) => {
        const [packages] = await loadedPackages(t, {});
        assert.ok(packages.includes('@grpc/grpc-js'), 'the report sees packages loaded from ES modules');
        assert.ok(!packages.includes('fabric-contract-api'), packages.join(', '));
        assert.ok(!packages.includes('winston'), packages.join(', '));
    });

    test('serving a contracts module loads it, and its log lines are JSON lines of ours', async (t) => {
        const [packages, server] = await loadedPackages(t, { CHAINCODE_MODULE: CONTRACT_EXAMPLE_MODULE });
        assert.ok(packages.includes('fabric-contract-api'), packages.join(', '));
        assert.ok(!packages.includes('winston'), 'its winston logger is never made');
        const text = server.logs.filter((line) => line.service !== 'fabric-ccaas' && line.msg !== 'loaded packages');
        assert.deepEqual(text, [], 'every stdout line is one of our JSON lines');
        const contractApi = server.logs.filter((line) => line.component === 'fabric-contract-api');
        assert.ok(contractApi.length > 0, 'the decorators logged through our logger');
        assert.ok(contractApi.every((line) => line.level === 30 && !String(line.msg).includes('\u001b[')));
    });
});
