// SPDX-License-Identifier: Apache-2.0
//
// Lifecycle against real peers: an init-required definition, an upgrade to a new package and
// sequence served by a second server, a server restart and a peer restart (the peer dials again),
// and a stream left idle for longer than the server's keepalive time.

import assert from 'node:assert/strict';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { deployChaincode, initChaincode, restartServer } from '../../src/testing/fabric-deploy.ts';
import { isAlive } from '../../src/testing/fabric-process.ts';
import { connectGateway, waitForEndorsers } from '../../src/testing/gateway-client.ts';
import { errorText, messageCount, useNetwork, utf8 } from './support.ts';

const MODULE = path.join(import.meta.dirname, 'fixtures', 'e2e-chaincode.ts');
const KEEPALIVE_MS = 5000;

const e2e = useNetwork();

e2e.scenario('an init-required chaincode refuses transactions until Init ran', async (network, t) => {
    await deployChaincode(network, { name: 'init', chaincodeModule: MODULE, initRequired: true, useDist: true });
    const gateway = connectGateway(network, 0);
    t.after(() => {
        gateway.close();
    });
    await assert.rejects(gateway.contract('init').submitTransaction('put', 'k', 'v'), (err: unknown) => {
        assert.match(errorText(err), /init/i);
        return true;
    });
    await initChaincode(network, 'init', ['Init', 'seeded']);
    assert.equal(utf8(await gateway.contract('init').evaluateTransaction('get', 'initialized')), 'seeded');
    await gateway.contract('init').submitTransaction('put', 'k', 'v');
});

e2e.scenario('an upgrade to a new package and sequence is served by the second server', async (network, t) => {
    const first = await deployChaincode(network, {
        name: 'upgrade',
        chaincodeModule: MODULE,
        useDist: true,
        serverEnv: { E2E_SERVER_TAG: 'first' },
    });
    const gateway = connectGateway(network, 0);
    t.after(() => {
        gateway.close();
    });
    await gateway.contract('upgrade').submitTransaction('put', 'kept', 'from sequence 1');
    assert.equal(utf8(await gateway.contract('upgrade').evaluateTransaction('server')), 'first');

    const second = await deployChaincode(network, {
        name: 'upgrade',
        chaincodeModule: MODULE,
        useDist: true,
        serverEnv: { E2E_SERVER_TAG: 'second' },
    });
    assert.equal(second.sequence, 2);
    assert.notEqual(second.packageId, first.packageId);
    assert.equal(isAlive(first.server), false, 'the first server was stopped');
    assert.equal(utf8(await gateway.contract('upgrade').submitTransaction('server')), 'second');
    assert.equal(utf8(await gateway.contract('upgrade').evaluateTransaction('get', 'kept')), 'from sequence 1');
});

e2e.scenario('the peers dial again after a server restart and after a peer restart', async (network, t) => {
    await deployChaincode(network, { name: 'restart', chaincodeModule: MODULE, useDist: true });
    const gateway = connectGateway(network, 0);
    t.after(() => {
        gateway.close();
    });
    const contract = gateway.contract('restart');
    await contract.submitTransaction('put', 'r', 'before');

    const restarted = await restartServer(network, 'restart');
    await contract.submitTransaction('put', 'r', 'after server restart');
    assert.equal(utf8(await contract.evaluateTransaction('get', 'r')), 'after server restart');
    assert.ok((await messageCount(restarted.sidecarAddress, 'received', 'REGISTERED')) >= 1);

    await network.stopPeer(0);
    await network.startPeer(0);
    await waitForEndorsers(network, 'restart');
    await contract.submitTransaction('put', 'r', 'after peer restart');
    assert.equal(utf8(await contract.evaluateTransaction('get', 'r')), 'after peer restart');
});

e2e.scenario('a stream idle for longer than the keepalive time still serves', async (network, t) => {
    const deployment = await deployChaincode(network, {
        name: 'idle',
        chaincodeModule: MODULE,
        useDist: true,
        serverEnv: { CHAINCODE_KEEPALIVE_TIME_MS: String(KEEPALIVE_MS), CHAINCODE_KEEPALIVE_TIMEOUT_MS: '1000' },
    });
    const gateway = connectGateway(network, 0);
    t.after(() => {
        gateway.close();
    });
    const contract = gateway.contract('idle');
    await contract.submitTransaction('put', 'i', 'before idle');
    const registered = await messageCount(deployment.server.sidecarAddress, 'received', 'REGISTERED');

    await sleep(2 * KEEPALIVE_MS + 1000);

    await contract.submitTransaction('put', 'i', 'after idle');
    assert.equal(utf8(await contract.evaluateTransaction('get', 'i')), 'after idle');
    assert.equal(
        await messageCount(deployment.server.sidecarAddress, 'received', 'REGISTERED'),
        registered,
        'the peers kept their streams (no new registration)',
    );
});
