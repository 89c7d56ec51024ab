// SPDX-License-Identifier: Apache-2.0
//
// GetMetadata for the tsc-compiled fixture: valid against fabric-contract-api's schema, and
// the same document fabric-shim 2.5.8's own ChaincodeFromContract produces for the same classes.

import './quiet-fabric-logs.ts';
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { chaincodeFromModule } from '../../src/contracts/index.ts';
import { startChaincode } from '../../src/testing/index.ts';
import { compileFixture, type CompiledFixture } from './compiled-fixture.ts';
import { fabricShimMetadata, metadataSchemaErrors } from './fabric-shim.ts';

const TITLE = 'asset-contracts-fixture';
const VERSION = '1.2.3';

let fixture: CompiledFixture;

before(async () => {
    fixture = await compileFixture();
});
after(() => fixture.remove());

async function ourMetadata(t: { after: (fn: () => void) => void }): Promise<Record<string, unknown>> {
    const chaincode = chaincodeFromModule(fixture.exports, { title: TITLE, version: VERSION });
    assert.ok(chaincode);
    const { peer, close } = await startChaincode(chaincode);
    t.after(close);
    const result = await peer.invoke(['org.hyperledger.fabric:GetMetadata']);
    assert.equal(result.status, 200, result.message);
    return JSON.parse(result.payload.toString('utf8')) as Record<string, unknown>;
}

describe('GetMetadata of contracts compiled with tsc', () => {
    test('validates against the contract schema fabric-contract-api ships', async (t) => {
        const metadata = await ourMetadata(t);
        assert.deepEqual(metadataSchemaErrors(metadata), []);
        // The check can fail: a transaction without a name is refused.
        const broken = structuredClone(metadata) as { contracts: { assets: { transactions: object[] } } };
        broken.contracts.assets.transactions.push({ tag: ['SUBMIT'] });
        assert.notDeepEqual(metadataSchemaErrors(broken), []);
    });

    test("equals fabric-shim's metadata for the same contract classes", async (t) => {
        const ours = await ourMetadata(t);
        const { contracts } = fixture.exports as { contracts: unknown[] };
        // fabric-shim's bootstrap passes the module's package.json name and version as title and version.
        const theirs = await fabricShimMetadata(contracts, TITLE, VERSION);
        assert.deepEqual(ours, theirs);
    });
});
