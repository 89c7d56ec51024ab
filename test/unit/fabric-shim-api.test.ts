// SPDX-License-Identifier: Apache-2.0
//
// fabric-shim's porting surface: ChaincodeStub as a class (what sinon.createStubInstance
// stubs), Shim.server() with fabric-shim's options, and Shim.start() in a chaincode's own
// entry point.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { test } from 'node:test';
import { ChaincodeStub, Shim, type Chaincode } from '../../src/index.ts';
import { FakePeer, FakePeerListener, within } from '../../src/testing/index.ts';
import { startChildServer } from '../helpers/child-server.ts';
import { freePort } from '../../src/testing/free-port.ts';

const require = createRequire(import.meta.url);
// Shim.server logs as fabric-shim's does, at the level this names.
process.env.CORE_CHAINCODE_LOGGING_LEVEL = 'ERROR';

test("ChaincodeStub's prototype has every method of fabric-shim's, so createStubInstance stubs the same", () => {
    const theirs = require('fabric-shim') as { ChaincodeStub: { prototype: object } };
    // Along the prototype chain, as sinon walks it.
    const methods = (prototype: object | null): string[] =>
        prototype === null || prototype === Object.prototype
            ? []
            : [
                  ...Object.getOwnPropertyNames(prototype).filter((name) => name !== 'constructor'),
                  ...methods(Object.getPrototypeOf(prototype) as object | null),
              ];
    const ours = new Set(methods(ChaincodeStub.prototype));
    assert.deepEqual(
        methods(theirs.ChaincodeStub.prototype).filter((name) => !ours.has(name)),
        [],
    );
    assert.equal(ChaincodeStub.RESPONSE_CODE.OK, 200);
});

test('Shim.server serves a chaincode from fabric-shim options, and the stub it hands over is a ChaincodeStub', async (t) => {
    let isStub = false;
    const chaincode: Chaincode = {
        Init: () => Shim.success(),
        Invoke: (stub) => {
            isStub = stub instanceof ChaincodeStub;
            return Shim.success(Buffer.from('served'));
        },
    };
    const port = await freePort();
    const server = Shim.server(chaincode, { ccid: 'shim_1.0:abc', address: `127.0.0.1:${port}` });
    await server.start();
    t.after(() => {
        server.close();
    });
    const peer = new FakePeer({ chaincodeId: 'shim_1.0:abc' });
    t.after(() => {
        peer.close();
    });
    await peer.connect(`127.0.0.1:${port}`);
    const result = await peer.invoke(['anything']);
    assert.deepEqual([result.status, result.payload.toString()], [200, 'served']);
    assert.equal(isStub, true);
});

test('Shim.start in a chaincode entry point serves that chaincode as npm start would', async (t) => {
    const entry = path.resolve(import.meta.dirname, '..', 'fixtures', 'modules', 'shim-start.ts');
    const child = await startChildServer(t, { CHAINCODE_ID: 'started_1.0:abc' }, entry, ['--import', 'tsx']);
    const peer = new FakePeer({ chaincodeId: 'started_1.0:abc' });
    t.after(() => {
        peer.close();
    });
    await peer.connect(child.grpcAddress);
    const result = await peer.invoke(['go', 'now']);
    assert.deepEqual([result.status, result.payload.toString()], [200, 'started by Shim.start']);
    assert.equal(peer.ledger.get('started')?.toString(), 'go,now');
});

test("Shim.start with fabric-shim's --peer.address and --chaincode-id-name dials the peer (dev mode)", async (t) => {
    const listener = new FakePeerListener({ chaincodeId: 'started_1.0:abc' });
    t.after(() => {
        listener.stop();
    });
    const port = await listener.listen('127.0.0.1:0');
    const accepted = listener.accept({ chaincodeId: 'started_1.0:abc' });
    const entry = path.resolve(import.meta.dirname, '..', 'fixtures', 'modules', 'shim-start.ts');
    const args = ['--peer.address', `127.0.0.1:${String(port)}`, '--chaincode-id-name', 'started_1.0:abc'];
    const child = spawn(process.execPath, ['--import', 'tsx', entry, ...args], {
        env: { PATH: process.env.PATH ?? '', SIDECAR_ADDRESS: '127.0.0.1:0' },
        stdio: 'ignore',
    });
    t.after(() => {
        child.kill('SIGKILL');
    });
    const peer = await within(accepted, 'the chaincode dialling in');
    t.after(() => {
        peer.close();
    });
    const result = await peer.invoke(['go', 'dev']);
    assert.deepEqual([result.status, result.payload.toString()], [200, 'started by Shim.start']);
});
