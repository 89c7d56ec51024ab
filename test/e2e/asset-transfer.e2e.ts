// SPDX-License-Identifier: Apache-2.0
//
// The example chaincode (src/chaincode/) on a real network through a Gateway client: server TLS,
// mutual TLS, and a package without the peer's client certificate refused by a mutual-TLS server.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { deployChaincode } from '../../src/testing/fabric-deploy.ts';
import { connectGateway } from '../../src/testing/gateway-client.ts';
import { errorText, useNetwork, utf8 } from './support.ts';

const e2e = useNetwork();

e2e.scenario('submit and evaluate over TLS, endorsed by both orgs', async (network, t) => {
    await deployChaincode(network, { name: 'basic', tls: 'tls', useDist: true });
    const org1 = connectGateway(network, 0);
    const org2 = connectGateway(network, 1);
    t.after(() => {
        org1.close();
        org2.close();
    });

    const created = await org1.contract('basic').submitTransaction('CreateAsset', 'a1', 'blue', '5', 'Tomoko', '300');
    assert.deepEqual(JSON.parse(utf8(created)), {
        AppraisedValue: 300,
        Color: 'blue',
        ID: 'a1',
        Owner: 'Tomoko',
        Size: 5,
    });
    const previous = await org2.contract('basic').submitTransaction('TransferAsset', 'a1', 'Max');
    assert.equal(utf8(previous), 'Tomoko');

    const read = JSON.parse(utf8(await org1.contract('basic').evaluateTransaction('ReadAsset', 'a1'))) as {
        Owner: string;
    };
    assert.equal(read.Owner, 'Max');
    const history = JSON.parse(
        utf8(await org2.contract('basic').evaluateTransaction('GetAssetHistory', 'a1')),
    ) as unknown[];
    assert.equal(history.length, 2);
    await assert.rejects(org1.contract('basic').evaluateTransaction('ReadAsset', 'missing'), (err: unknown) => {
        assert.match(errorText(err), /missing/);
        return true;
    });
});

e2e.scenario('submit and evaluate over mutual TLS', async (network, t) => {
    const deployment = await deployChaincode(network, { name: 'basic-mtls', tls: 'mutual', useDist: true });
    const org1 = connectGateway(network, 0);
    t.after(() => {
        org1.close();
    });

    await org1.contract('basic-mtls').submitTransaction('CreateAsset', 'm1', 'red', '1', 'Ana', '10');
    assert.equal(utf8(await org1.contract('basic-mtls').evaluateTransaction('AssetExists', 'm1')), 'true');
    assert.match(readFileSync(deployment.server.logFile, 'utf8'), /registered with the peer/);
});

e2e.scenario('a package without the client certificate is refused by a mutual-TLS server', async (network, t) => {
    const deployment = await deployChaincode(network, {
        name: 'basic-nocert',
        tls: 'mutual',
        omitClientCert: true,
        dialTimeout: '2s',
        useDist: true,
    });
    const org1 = connectGateway(network, 0);
    t.after(() => {
        org1.close();
    });

    await assert.rejects(
        org1.contract('basic-nocert').submitTransaction('CreateAsset', 'n1', 'red', '1', 'Ana', '10'),
        (err: unknown) => {
            const text = errorText(err);
            assert.match(text, /could not launch chaincode basic-nocert_1:/);
            assert.match(text, /error creating grpc connection to 127\.0\.0\.1:\d+/);
            return true;
        },
    );
    assert.match(
        readFileSync(deployment.server.logFile, 'utf8'),
        /"reason":"no client certificate","msg":"TLS handshake refused"/,
    );
});
