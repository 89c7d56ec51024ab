// SPDX-License-Identifier: Apache-2.0
//
// The fabric-contract-api example (src/examples/asset-transfer-contract/, served through CHAINCODE_MODULE) on a
// real network: transactions by plain and qualified name, typed arguments, GetMetadata.

import assert from 'node:assert/strict';
import { deployChaincode } from '../../src/testing/fabric-deploy.ts';
import { connectGateway } from '../../src/testing/gateway-client.ts';
import { errorText, useNetwork, utf8 } from './support.ts';
import { CONTRACT_EXAMPLE_MODULE } from '../helpers/child-server.ts';

const e2e = useNetwork();

interface Metadata {
    contracts: Partial<Record<string, { name: string; info: { title: string }; transactions: { name: string }[] }>>;
}

e2e.scenario('contract transactions and GetMetadata through the Gateway', async (network, t) => {
    await deployChaincode(network, { name: 'contract', chaincodeModule: CONTRACT_EXAMPLE_MODULE, useDist: true });
    const gateway = connectGateway(network, 0);
    t.after(() => {
        gateway.close();
    });
    const contract = gateway.contract('contract');
    const qualified = gateway.contract('contract', 'AssetTransferContract');

    await contract.submitTransaction('InitLedger');
    await qualified.submitTransaction('CreateAsset', 'c1', 'green', '7', 'Ida', '900');
    const asset = JSON.parse(utf8(await contract.evaluateTransaction('ReadAsset', 'c1'))) as Record<string, unknown>;
    assert.deepEqual(asset, { AppraisedValue: 900, Color: 'green', ID: 'c1', Owner: 'Ida', Size: 7 });
    assert.equal(utf8(await qualified.submitTransaction('TransferAsset', 'c1', 'Jo')), 'Ida');
    const all = JSON.parse(utf8(await contract.evaluateTransaction('GetAllAssets'))) as unknown[];
    assert.ok(all.length >= 2, `GetAllAssets returned ${String(all.length)} assets`);

    await assert.rejects(
        contract.submitTransaction('CreateAsset', 'c2', 'red', 'not-a-number', 'Ida', '1'),
        (err: unknown) => {
            assert.match(errorText(err), /size/);
            return true;
        },
    );

    const metadata = JSON.parse(
        utf8(await contract.evaluateTransaction('org.hyperledger.fabric:GetMetadata')),
    ) as Metadata;
    const described = metadata.contracts.AssetTransferContract;
    assert.ok(described, 'GetMetadata describes AssetTransferContract');
    assert.equal(described.info.title, 'AssetTransfer');
    const names = described.transactions.map((tx) => tx.name);
    for (const name of ['InitLedger', 'CreateAsset', 'ReadAsset', 'TransferAsset', 'GetAllAssets']) {
        assert.ok(names.includes(name), `GetMetadata lists ${name}: ${names.join(', ')}`);
    }
});
