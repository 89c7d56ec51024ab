// SPDX-License-Identifier: Apache-2.0
//
// The `helm test` pod: it runs node (the server image by default, so no nc -z that busybox builds may lack), and
// its rendered command, run here with node against a loopback listener, exits 0 on a connection and 1 without.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, test } from 'node:test';
import type { Container, Pod } from 'kubernetes-types/core/v1.js';
import { PACKAGE_ID, find, render } from './helm.ts';

const ID = ['--set', `chaincode.id=${PACKAGE_ID}`];

function testContainer(args: readonly string[] = []): Container {
    const pod = find(render([...ID, ...args]), 'Pod') as unknown as Pod;
    const container = pod.spec?.containers[0];
    assert.ok(container);
    return container;
}

/** Runs the container's command with this node, host and port swapped for `port` on loopback. */
async function run(command: readonly string[], port: number): Promise<{ code: number | null; output: string }> {
    assert.equal(command[0], 'node');
    const child = spawn(process.execPath, [...command.slice(1, -2), '127.0.0.1', String(port)], {
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    return { code, output };
}

describe('the helm test pod', () => {
    test('uses the server image by default and tests.image when set', () => {
        const server = find(render(ID), 'Deployment') as unknown as { spec: { template: { spec: { containers: Container[] } } } };
        assert.equal(testContainer().image, server.spec.template.spec.containers[0]?.image);
        assert.equal(testContainer(['--set', 'image.digest=sha256:' + '0'.repeat(64)]).image?.endsWith('0'.repeat(64)), true);
        assert.equal(testContainer(['--set', 'tests.image.repository=node', '--set', 'tests.image.tag=22-slim']).image, 'node:22-slim');
    });

    test('dials the Service on the gRPC port with node', () => {
        const command = testContainer().command ?? [];
        assert.deepEqual(command.slice(0, 2), ['node', '-e']);
        assert.deepEqual(command.slice(-2), ['basic-cc-fabric-ccaas.fabric.svc', '9999']);
    });

    test('its command exits 0 when the port accepts a connection', async (t) => {
        const server = createServer((socket) => socket.destroy());
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        t.after(() => server.close());
        const address = server.address();
        assert.ok(address !== null && typeof address === 'object');
        const result = await run(testContainer().command ?? [], address.port);
        assert.equal(result.code, 0, result.output);
        assert.match(result.output, /^connected to 127\.0\.0\.1:/);
    });

    test('its command exits 1 naming the address when nothing listens', async () => {
        const server = createServer();
        await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
        const address = server.address();
        assert.ok(address !== null && typeof address === 'object');
        await new Promise((resolve) => server.close(resolve));
        const result = await run(testContainer().command ?? [], address.port);
        assert.equal(result.code, 1);
        assert.match(result.output, new RegExp(`cannot connect to 127\\.0\\.0\\.1:${String(address.port)}`));
    });
});
