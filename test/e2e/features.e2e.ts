// SPDX-License-Identifier: Apache-2.0
//
// Stub features against real peers through the Gateway: chaincode events, private data from
// transient input, chaincode-to-chaincode calls, a 10 MiB argument, 200 concurrent submits, and on
// Fabric 3.1 write batching and GetMultipleKeys as seen in the server's message metrics.

import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import path from 'node:path';
import { after } from 'node:test';
import { deployChaincode, type Deployment } from '../../src/testing/fabric-deploy.ts';
import { fabricHome } from '../../src/testing/fabric-home.ts';
import { connectGateway, type GatewayConnection } from '../../src/testing/gateway-client.ts';
import { messageCount, NEEDS_FABRIC_3, useNetwork, utf8 } from './support.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const fabric3 = (process.env.FABRIC_HOME ?? '') !== '' && fabricHome().major >= 3;

let fixture: Deployment;
let gateway: GatewayConnection;

const e2e = useNetwork({}, async (network) => {
    fixture = await deployChaincode(network, {
        name: 'e2e',
        chaincodeModule: path.join(FIXTURES, 'e2e-chaincode.ts'),
        collectionsConfig: path.join(FIXTURES, 'collections.json'),
        useDist: true,
    });
    await deployChaincode(network, { name: 'basic', useDist: true });
    gateway = connectGateway(network, 0);
});

after(() => {
    gateway.close();
});

e2e.scenario('a chaincode event reaches the Gateway client', async () => {
    const commit = await gateway.contract('e2e').submitAsync('emit', { arguments: ['Shipped', 'box 7'] });
    const status = await commit.getStatus();
    assert.ok(status.successful);
    const events = await gateway.network.getChaincodeEvents('e2e', { startBlock: status.blockNumber });
    try {
        for await (const event of events) {
            assert.equal(event.transactionId, commit.getTransactionId());
            assert.equal(event.eventName, 'Shipped');
            assert.equal(utf8(event.payload), 'box 7');
            break;
        }
    } finally {
        events.close();
    }
});

e2e.scenario('private data written from transient input and read back', async () => {
    const contract = gateway.contract('e2e');
    await contract.submit('putPrivate', {
        arguments: ['shared', 'secret1'],
        transientData: { value: 'only for members' },
    });
    assert.equal(utf8(await contract.evaluateTransaction('getPrivate', 'shared', 'secret1')), 'only for members');
    const org2 = connectGateway(e2e.network, 1);
    try {
        assert.equal(
            utf8(await org2.contract('e2e').evaluateTransaction('getPrivate', 'shared', 'secret1')),
            'only for members',
        );
    } finally {
        org2.close();
    }
});

e2e.scenario('chaincode-to-chaincode invocation', async () => {
    await gateway.contract('basic').submitTransaction('CreateAsset', 'cc1', 'teal', '3', 'Lu', '40');
    const read = await gateway.contract('e2e').evaluateTransaction('call', 'basic', 'ReadAsset', 'cc1');
    assert.equal((JSON.parse(utf8(read)) as { Owner: string }).Owner, 'Lu');
    const transferred = await gateway.contract('e2e').submitTransaction('call', 'basic', 'TransferAsset', 'cc1', 'Mo');
    assert.equal(utf8(transferred), 'Lu');
    const after = JSON.parse(utf8(await gateway.contract('basic').evaluateTransaction('ReadAsset', 'cc1'))) as {
        Owner: string;
    };
    assert.equal(after.Owner, 'Mo');
});

e2e.scenario('a 10 MiB argument', async () => {
    const large = randomBytes(10 * 1024 * 1024);
    const digest = createHash('sha256').update(large).digest('hex');
    const result = await gateway.contract('e2e').submit('size', { arguments: [large] });
    assert.equal(utf8(result), `${String(large.length)} ${digest}`);
    assert.equal(utf8(await gateway.contract('e2e').evaluateTransaction('get', 'large')), digest);
});

e2e.scenario('200 concurrent submits are all VALID', async () => {
    const contract = gateway.contract('e2e');
    const commits = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
            contract.submitAsync('put', { arguments: [`c${String(i)}`, `v${String(i)}`] }),
        ),
    );
    const statuses = await Promise.all(commits.map((commit) => commit.getStatus()));
    const invalid = statuses.filter((status) => !status.successful).map((status) => status.code);
    assert.deepEqual(invalid, []);
    assert.equal(utf8(await contract.evaluateTransaction('get', 'c199')), 'v199');
});

e2e.scenario(
    '50 keys leave as WRITE_BATCH_STATE and read back as GET_STATE_MULTIPLE',
    async () => {
        const sidecar = fixture.server.sidecarAddress;
        const count = (direction: 'sent' | 'received', type: string): Promise<number> =>
            messageCount(sidecar, direction, type);
        const before = { batch: await count('sent', 'WRITE_BATCH_STATE'), put: await count('sent', 'PUT_STATE') };
        assert.equal(utf8(await gateway.contract('e2e').submitTransaction('putMany', 'batch', '50')), '50');
        assert.ok((await count('sent', 'WRITE_BATCH_STATE')) > before.batch, 'WRITE_BATCH_STATE was sent');
        assert.equal(await count('sent', 'PUT_STATE'), before.put, 'no single PUT_STATE was sent');

        const reads = { multiple: await count('sent', 'GET_STATE_MULTIPLE'), single: await count('sent', 'GET_STATE') };
        assert.equal(utf8(await gateway.contract('e2e').evaluateTransaction('getMany', 'batch', '50')), '50');
        assert.ok((await count('sent', 'GET_STATE_MULTIPLE')) > reads.multiple, 'GET_STATE_MULTIPLE was sent');
        assert.equal(await count('sent', 'GET_STATE'), reads.single, 'no single GET_STATE was sent');
    },
    fabric3 ? undefined : NEEDS_FABRIC_3,
);
