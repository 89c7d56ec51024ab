// SPDX-License-Identifier: Apache-2.0
//
// The example chaincode through the test kit: every function, its ledger effects and its
// error paths, the way a fork would test its own chaincode.

import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { createChaincode } from '../../src/chaincode/index.ts';
import { startChaincode, type FakePeer } from '../../src/testing/index.ts';

const A1 = { AppraisedValue: 300, Color: 'blue', ID: 'a1', Owner: 'Tomoko', Size: 5 };
const A1_JSON = '{"AppraisedValue":300,"Color":"blue","ID":"a1","Owner":"Tomoko","Size":5}';

async function peerWithAsset(t: TestContext): Promise<FakePeer> {
    const { peer, close } = await startChaincode(createChaincode());
    t.after(close);
    const created = await peer.invoke(['CreateAsset', 'a1', 'blue', '5', 'Tomoko', '300']);
    assert.equal(created.status, 200, created.message);
    return peer;
}

describe('asset transfer', () => {
    test('lists its functions for the metrics label', () => {
        assert.deepEqual(createChaincode().functionNames, [
            'CreateAsset',
            'ReadAsset',
            'UpdateAsset',
            'DeleteAsset',
            'AssetExists',
            'TransferAsset',
            'GetAllAssets',
            'GetAssetHistory',
        ]);
    });

    test('CreateAsset stores canonical JSON and ReadAsset returns it', async (t) => {
        const peer = await peerWithAsset(t);
        assert.equal(peer.ledger.get('a1')?.toString(), A1_JSON);
        const read = await peer.invoke(['ReadAsset', 'a1']);
        assert.deepEqual([read.status, read.payload.toString()], [200, A1_JSON]);
    });

    test('CreateAsset refuses an existing ID, a wrong argument count and a non-numeric size', async (t) => {
        const peer = await peerWithAsset(t);
        const cases: [string[], RegExp][] = [
            [['CreateAsset', 'a1', 'red', '1', 'Max', '1'], /the asset a1 already exists/],
            [
                ['CreateAsset', 'a2', 'red'],
                /CreateAsset expects 5 arguments: ID, Color, Size, Owner, AppraisedValue; got 2/,
            ],
            [['CreateAsset', 'a2', 'red', 'big', 'Max', '1'], /Size must be a non-negative integer/],
            [['CreateAsset', '', 'red', '1', 'Max', '1'], /ID must not be empty/],
        ];
        for (const [args, message] of cases) {
            const result = await peer.invoke(args);
            assert.equal(result.status, 500);
            assert.match(result.message, message);
        }
        assert.equal(peer.ledger.get('a2'), undefined);
    });

    test('ReadAsset of an unknown ID is an error', async (t) => {
        const peer = await peerWithAsset(t);
        const result = await peer.invoke(['ReadAsset', 'nope']);
        assert.deepEqual([result.status, result.message], [500, 'the asset nope does not exist']);
    });

    test('UpdateAsset replaces an existing asset and refuses an unknown one', async (t) => {
        const peer = await peerWithAsset(t);
        const updated = await peer.invoke(['UpdateAsset', 'a1', 'green', '7', 'Tomoko', '400']);
        assert.equal(updated.status, 200);
        assert.deepEqual(JSON.parse(peer.ledger.get('a1')!.toString()), {
            ...A1,
            Color: 'green',
            Size: 7,
            AppraisedValue: 400,
        });
        const unknown = await peer.invoke(['UpdateAsset', 'zz', 'green', '7', 'Tomoko', '400']);
        assert.deepEqual([unknown.status, unknown.message], [500, 'the asset zz does not exist']);
    });

    test('DeleteAsset removes the asset and refuses an unknown one', async (t) => {
        const peer = await peerWithAsset(t);
        assert.equal((await peer.invoke(['DeleteAsset', 'a1'])).status, 200);
        assert.equal(peer.ledger.get('a1'), undefined);
        const again = await peer.invoke(['DeleteAsset', 'a1']);
        assert.deepEqual([again.status, again.message], [500, 'the asset a1 does not exist']);
    });

    test('AssetExists answers true or false', async (t) => {
        const peer = await peerWithAsset(t);
        assert.equal((await peer.invoke(['AssetExists', 'a1'])).payload.toString(), 'true');
        assert.equal((await peer.invoke(['AssetExists', 'a9'])).payload.toString(), 'false');
        assert.match((await peer.invoke(['AssetExists'])).message, /AssetExists expects 1 arguments: ID; got 0/);
    });

    test('TransferAsset changes the owner, returns the old one and emits TransferAsset', async (t) => {
        const peer = await peerWithAsset(t);
        const result = await peer.invoke(['TransferAsset', 'a1', 'Max']);
        assert.deepEqual([result.status, result.payload.toString()], [200, 'Tomoko']);
        const expected = JSON.stringify({ ...A1, Owner: 'Max' });
        assert.equal(peer.ledger.get('a1')?.toString(), expected);
        assert.deepEqual(result.event, { name: 'TransferAsset', payload: Buffer.from(expected) });
        const missing = await peer.invoke(['TransferAsset', 'zz', 'Max']);
        assert.deepEqual([missing.status, missing.event], [500, undefined]);
    });

    test('GetAllAssets returns every asset in key order through the range iterator', async (t) => {
        const peer = await peerWithAsset(t);
        for (let i = 0; i < 120; i++) {
            peer.ledger.set(`b${String(i).padStart(3, '0')}`, JSON.stringify({ ID: `b${i}` }));
        }
        const result = await peer.invoke(['GetAllAssets']);
        const assets = JSON.parse(result.payload.toString()) as { ID: string }[];
        assert.equal(assets.length, 121);
        assert.deepEqual(assets[0], A1);
        assert.deepEqual(
            result.requests.map((m) => m.type),
            ['GET_STATE_BY_RANGE', 'QUERY_STATE_NEXT', 'QUERY_STATE_CLOSE'],
        );
    });

    test('GetAssetHistory lists each change newest first, deletes included', async (t) => {
        const peer = await peerWithAsset(t);
        const transfer = await peer.invoke(['TransferAsset', 'a1', 'Max'], {
            timestamp: new Date('2030-01-01T00:00:00Z'),
        });
        const deleted = await peer.invoke(['DeleteAsset', 'a1'], { timestamp: new Date('2030-01-02T00:00:00Z') });
        const result = await peer.invoke(['GetAssetHistory', 'a1']);
        const history = JSON.parse(result.payload.toString()) as Record<string, unknown>[];
        assert.equal(history.length, 3);
        assert.deepEqual(history[0], {
            asset: null,
            isDelete: true,
            timestamp: '2030-01-02T00:00:00.000Z',
            txId: deleted.txId,
        });
        assert.deepEqual(history[1], {
            asset: { ...A1, Owner: 'Max' },
            isDelete: false,
            timestamp: '2030-01-01T00:00:00.000Z',
            txId: transfer.txId,
        });
        assert.deepEqual(history[2]?.asset, A1);
    });

    test('an unknown function is an error listing the known ones', async (t) => {
        const { peer, close } = await startChaincode(createChaincode());
        t.after(close);
        const result = await peer.invoke(['Mint', 'a1']);
        assert.equal(result.status, 500);
        assert.match(
            result.message,
            /unknown function "Mint"; known functions: CreateAsset, ReadAsset, .*GetAssetHistory/,
        );
    });
});
