// SPDX-License-Identifier: Apache-2.0
//
// Dev mode: a peer started with --peer-chaincodedev, our server in client mode dialling the peer's
// chaincode listener with the definition's `name:version`, transactions with the peer command line.
// The Gateway does not route to a dev-mode chaincode (nothing is installed), which is checked too.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deployChaincode, peerInvoke, peerQuery } from '../../src/testing/fabric-deploy.ts';
import { connectGateway } from '../../src/testing/gateway-client.ts';
import { errorText, useNetwork } from './support.ts';

const e2e = useNetwork({ orgs: 1, devMode: true });

e2e.scenario('a transaction through our server in client mode against a dev-mode peer', async (network, t) => {
    const deployment = await deployChaincode(network, { name: 'devcc', version: '1.0', useDist: true });
    assert.equal(deployment.packageId, 'devcc:1.0');

    await peerInvoke(network, 'devcc', ['CreateAsset', 'd1', 'black', '2', 'Ola', '20']);
    const asset = JSON.parse(await peerQuery(network, 'devcc', ['ReadAsset', 'd1'])) as { Owner: string };
    assert.equal(asset.Owner, 'Ola');
    const log = readFileSync(deployment.server.logFile, 'utf8');
    assert.match(log, /"mode":"client"/);
    assert.match(log, /registered with the peer/);

    const gateway = connectGateway(network, 0);
    t.after(() => {
        gateway.close();
    });
    await assert.rejects(gateway.contract('devcc').evaluateTransaction('ReadAsset', 'd1'), (err: unknown) => {
        assert.match(errorText(err), /no peers available to evaluate chaincode devcc/);
        return true;
    });
});
