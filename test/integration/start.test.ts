// SPDX-License-Identifier: Apache-2.0
//
// The built entry point, as `npm start` runs it: starts with no settings beyond the
// loopback addresses, registers with a fake peer and runs a transaction; a bad setting
// exits 1 naming the setting.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, test } from 'node:test';
import { DEVELOPMENT_CHAINCODE_ID } from '../../src/config/load-config.ts';
import { FakePeer } from '../../src/testing/fake-peer.ts';
import { ENTRY_POINT, startChildServer } from '../helpers/child-server.ts';

describe('npm start (dist/main.js)', () => {
    test('starts with the development id, warns about it, and runs a transaction from a fake peer', async (t) => {
        const server = await startChildServer(t);
        await server.waitForLog((line) => typeof line.msg === 'string' && line.msg.includes('development id'));
        const peer = new FakePeer({ chaincodeId: DEVELOPMENT_CHAINCODE_ID });
        t.after(() => {
            peer.close();
        });
        await peer.connect(server.grpcAddress);
        const result = await peer.invoke(['CreateAsset', 'asset1', 'blue', '5', 'Tom', '100']);
        assert.equal(result.status, 200, result.message);
        assert.ok(peer.ledger.get('asset1'));
        server.child.kill('SIGTERM');
        assert.equal(await server.exited, 0);
    });

    test('registers with the package ID from CHAINCODE_ID', async (t) => {
        const server = await startChildServer(t, { CHAINCODE_ID: 'basic_1.0:abc' });
        const peer = new FakePeer({ chaincodeId: 'basic_1.0:abc' });
        t.after(() => {
            peer.close();
        });
        await peer.connect(server.grpcAddress);
        assert.equal(peer.registeredId, 'basic_1.0:abc');
    });

    test('exits 1 with a message naming a bad setting and its env var', () => {
        const run = spawnSync(process.execPath, [ENTRY_POINT], {
            env: { PATH: process.env.PATH ?? '', CHAINCODE_SERVER_ADDRESS: 'not-an-address' },
            encoding: 'utf8',
            timeout: 30_000,
        });
        assert.equal(run.status, 1);
        assert.match(run.stdout, /chaincode\.address/);
        assert.match(run.stdout, /CHAINCODE_SERVER_ADDRESS/);
        assert.match(run.stdout, /host:port/);
    });
});
