// SPDX-License-Identifier: Apache-2.0
//
// The contract example (src/examples/asset-transfer-contract) run by tsx, which emits no decorator metadata:
// every transaction through the fake peer, and its GetMetadata.

import './quiet-fabric-logs.ts';
import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import * as example from '../../src/examples/asset-transfer-contract/index.ts';
import { chaincodeFromModule } from '../../src/contracts/index.ts';
import type { RoutedChaincode } from '../../src/shim/router.ts';
import { startChaincode, type FakePeer } from '../../src/testing/index.ts';
import { fabricShimMetadata, metadataSchemaErrors } from './fabric-shim.ts';

const A1_JSON = '{"AppraisedValue":300,"Color":"blue","ID":"a1","Owner":"Tomoko","Size":5}';

function chaincode(): RoutedChaincode {
    const served = chaincodeFromModule(example);
    assert.ok(served);
    return served;
}

async function peerWithAsset(t: TestContext): Promise<FakePeer> {
    const { peer, close } = await startChaincode(chaincode());
    t.after(close);
    const created = await peer.invoke(['CreateAsset', 'a1', 'blue', '5', 'Tomoko', '300']);
    assert.equal(created.status, 200, created.message);
    return peer;
}

const text = (payload: Uint8Array): string => Buffer.from(payload).toString('utf8');

describe('the asset-transfer contract example', () => {
    test('CreateAsset stores canonical JSON with numeric fields, and ReadAsset returns it', async (t) => {
        const peer = await peerWithAsset(t);
        assert.equal(peer.ledger.get('a1')?.toString(), A1_JSON);
        const read = await peer.invoke(['AssetTransferContract:ReadAsset', 'a1']);
        assert.deepEqual([read.status, text(read.payload)], [200, A1_JSON]);
    });

    test('refuses a non-numeric size with 400, an existing ID and an unknown one with 500', async (t) => {
        const peer = await peerWithAsset(t);
        const size = await peer.invoke(['CreateAsset', 'a2', 'red', 'big', 'Max', '1']);
        assert.deepEqual(
            [size.status, size.message],
            [400, 'parameter "size" of AssetTransferContract:CreateAsset must be a number; got "big"'],
        );
        const duplicate = await peer.invoke(['CreateAsset', 'a1', 'red', '1', 'Max', '1']);
        assert.deepEqual([duplicate.status, duplicate.message], [500, 'The asset a1 already exists']);
        for (const fn of ['ReadAsset', 'DeleteAsset']) {
            const missing = await peer.invoke([fn, 'zz']);
            assert.deepEqual([missing.status, missing.message], [500, 'The asset zz does not exist']);
        }
        const update = await peer.invoke(['UpdateAsset', 'zz', 'red', '1', 'Max', '1']);
        assert.deepEqual([update.status, update.message], [500, 'The asset zz does not exist']);
    });

    test('UpdateAsset, DeleteAsset and AssetExists change and report the ledger', async (t) => {
        const peer = await peerWithAsset(t);
        assert.equal((await peer.invoke(['UpdateAsset', 'a1', 'green', '7', 'Tomoko', '400'])).status, 200);
        assert.equal(
            peer.ledger.get('a1')?.toString(),
            '{"AppraisedValue":400,"Color":"green","ID":"a1","Owner":"Tomoko","Size":7}',
        );
        assert.equal(text((await peer.invoke(['AssetExists', 'a1'])).payload), 'true');
        assert.equal((await peer.invoke(['DeleteAsset', 'a1'])).status, 200);
        assert.equal(text((await peer.invoke(['AssetExists', 'a1'])).payload), 'false');
    });

    test('TransferAsset returns the previous owner and emits TransferAsset', async (t) => {
        const peer = await peerWithAsset(t);
        const result = await peer.invoke(['TransferAsset', 'a1', 'Max']);
        assert.deepEqual([result.status, text(result.payload)], [200, 'Tomoko']);
        const expected = A1_JSON.replace('Tomoko', 'Max');
        assert.equal(peer.ledger.get('a1')?.toString(), expected);
        assert.deepEqual(result.event, { name: example.TRANSFER_EVENT, payload: Buffer.from(expected) });
    });

    test('InitLedger writes the samples and GetAllAssets returns every asset in key order', async (t) => {
        const peer = await peerWithAsset(t);
        assert.equal((await peer.invoke(['InitLedger'])).status, 200);
        const all = await peer.invoke(['GetAllAssets']);
        const assets = JSON.parse(text(all.payload)) as { ID: string }[];
        assert.deepEqual(
            assets.map((a) => a.ID),
            ['a1', 'asset1', 'asset2', 'asset3'],
        );
    });

    test('GetMetadata validates, and lists the parameters tsx gave no types for', async (t) => {
        const { peer, close } = await startChaincode(chaincode());
        t.after(close);
        const ours = JSON.parse(text((await peer.invoke(['org.hyperledger.fabric:GetMetadata'])).payload)) as {
            contracts: Record<string, { transactions: { name: string; parameters?: unknown }[] }>;
        };
        assert.deepEqual(metadataSchemaErrors(ours), []);
        const create = ours.contracts.AssetTransferContract!.transactions.find((tx) => tx.name === 'CreateAsset');
        assert.deepEqual(create?.parameters, [
            { description: '', name: 'id', schema: { type: 'string' } },
            { description: '', name: 'color', schema: { type: 'string' } },
            { description: 'the size of the asset', name: 'size', schema: { type: 'number' } },
            { description: '', name: 'owner', schema: { type: 'string' } },
            { description: 'the appraised value', name: 'appraisedValue', schema: { type: 'number' } },
        ]);
        // Without design:paramtypes fabric-shim lists only the @Param ones, in decorator order; the rest is equal.
        const theirs = (await fabricShimMetadata(example.contracts)) as typeof ours;
        const withoutParameters = (doc: typeof ours): unknown => ({
            ...doc,
            contracts: Object.fromEntries(
                Object.entries(doc.contracts).map(([name, c]) => [
                    name,
                    { ...c, transactions: c.transactions.map((tx) => ({ ...tx, parameters: undefined })) },
                ]),
            ),
        });
        assert.deepEqual(withoutParameters(ours), withoutParameters(theirs));
    });
});
