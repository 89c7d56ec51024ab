// SPDX-License-Identifier: Apache-2.0
//
// The built entry point, as `npm start` runs it: starts with no settings beyond the
// loopback addresses, registers with a fake peer and runs a transaction; logs which file,
// env var or flag supplied each setting; a bad setting exits 1 naming the setting; --help
// prints every setting and exits 0 without starting anything.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { DEVELOPMENT_CHAINCODE_ID } from '../../src/config/load-config.ts';
import { envNames, flatSchema } from '../../src/config/settings.ts';
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

    test('logs a config-file setting as coming from that file, beside env and flag sources', async (t) => {
        const dir = mkdtempSync(path.join(tmpdir(), 'ccaas-start-'));
        t.after(() => {
            rmSync(dir, { recursive: true, force: true });
        });
        const file = path.join(dir, 'settings.json');
        writeFileSync(file, JSON.stringify({ shutdown: { graceMs: 3000 }, chaincode: { mspId: 'Org1MSP' } }));
        const server = await startChildServer(t, { CHAINCODE_CONFIG_FILE: file, CORE_PEER_LOCALMSPID: 'Org2MSP' });
        const loaded = await server.waitForLog((line) => line.msg === 'configuration loaded');
        const sources = loaded.sources as Record<string, string>;
        assert.equal(sources['shutdown.graceMs'], `file:${file}`);
        assert.equal(sources['chaincode.mspId'], 'CORE_PEER_LOCALMSPID');
        assert.equal(sources['chaincode.address'], 'CHAINCODE_SERVER_ADDRESS');
        assert.equal((loaded.config as { shutdown: { graceMs: number } }).shutdown.graceMs, 3000);
    });

    test('--help prints every setting with its env vars, flag and default, and exits 0 without starting', () => {
        const run = spawnSync(process.execPath, [ENTRY_POINT, '--help'], {
            env: { PATH: process.env.PATH ?? '', CHAINCODE_SERVER_ADDRESS: 'not-an-address' },
            encoding: 'utf8',
            timeout: 30_000,
        });
        assert.equal(run.status, 0, run.stderr);
        assert.ok(!run.stdout.includes('listening'), 'it started something');
        for (const [key, spec] of Object.entries(flatSchema())) {
            assert.ok(run.stdout.includes(`\n  ${key}\n`), `${key} missing`);
            for (const name of envNames(spec)) {
                assert.ok(run.stdout.includes(name), `${name} missing`);
            }
            assert.ok(spec.arg === undefined || run.stdout.includes(`flag --${spec.arg}`), `--${String(spec.arg)}`);
        }
        assert.match(run.stdout, /default: 0\.0\.0\.0:9999/);
    });

    test('exits 1 naming an unknown flag, before binding anything', () => {
        const run = spawnSync(process.execPath, [ENTRY_POINT, '--chaincode-adress', '127.0.0.1:0'], {
            env: {
                PATH: process.env.PATH ?? '',
                CHAINCODE_SERVER_ADDRESS: '127.0.0.1:0',
                SIDECAR_ADDRESS: '127.0.0.1:0',
            },
            encoding: 'utf8',
            timeout: 30_000,
        });
        assert.equal(run.status, 1);
        assert.match(run.stdout, /unknown flag --chaincode-adress/);
        assert.ok(!run.stdout.includes('listening'));
    });
});
