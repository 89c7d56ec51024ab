// SPDX-License-Identifier: Apache-2.0
//
// A chaincode written for fabric-shim runs here with only its imports changed.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { MarblesChaincode } from '../fixtures/fabric-shim-chaincode.ts';
import { startServer } from '../helpers/server.ts';

test('a fabric-shim chaincode runs unchanged: Init, writes, composite-key iteration and ClientIdentity', async (t) => {
    const { connectPeer } = await startServer(t, new MarblesChaincode());
    const peer = await connectPeer();
    assert.equal((await peer.invoke(['init', 'ready'], { init: true })).status, 200);
    assert.equal(peer.ledger.get('initialized')?.toString(), 'ready');
    for (const [name, owner] of [
        ['m1', 'tom'],
        ['m2', 'jerry'],
        ['m3', 'tom'],
    ] as const) {
        assert.equal((await peer.invoke(['initMarble', name, 'blue', owner])).status, 200);
    }
    const duplicate = await peer.invoke(['initMarble', 'm1', 'red', 'tom']);
    assert.deepEqual([duplicate.status, duplicate.message], [500, 'This marble already exists: m1']);
    const marble = JSON.parse((await peer.invoke(['readMarble', 'm2'])).payload.toString()) as { owner: string };
    assert.equal(marble.owner, 'jerry');
    const owned = await peer.invoke(['marblesByOwner', 'tom']);
    assert.deepEqual(JSON.parse(owned.payload.toString()), ['m1', 'm3']);
    assert.deepEqual(
        owned.requests.map((m) => m.type),
        ['GET_STATE_BY_RANGE', 'QUERY_STATE_CLOSE'],
    );
    assert.match(
        (await peer.invoke(['whoAmI'])).payload.toString(),
        /^Org1MSP x509::\/C=US\/.*CN=User1@org1\.example\.com::/,
    );
    assert.match((await peer.invoke(['burn'])).message, /unknown function burn/);
});
