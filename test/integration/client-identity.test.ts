// SPDX-License-Identifier: Apache-2.0
//
// ClientIdentity from certificates generated per run: the fabric-shim ID form, MSP ID,
// certificate, and Fabric CA attributes from the 1.2.3.4.5.6.7.8.1 extension.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { ClientIdentity } from '../../src/shim/client-identity.ts';
import { createCertificateAuthority, type CertificateAuthority } from '../../src/testing/certs.ts';
import { scriptChaincode } from '../fixtures/script-chaincode.ts';
import { startServer } from '../helpers/server.ts';

const ORG = 'fabric-ccaas-template tests';

const identity = scriptChaincode({
    who: (stub) => {
        const cid = new ClientIdentity(stub);
        return {
            id: cid.getID(),
            mspid: cid.getMSPID(),
            pem: Buffer.from(cid.getIDBytes()).toString('utf8'),
            subject: cid.getX509Certificate().subject,
            role: cid.getAttributeValue('role'),
            missing: cid.getAttributeValue('missing'),
            isAdmin: cid.assertAttributeValue('role', 'admin'),
            isAuditor: cid.assertAttributeValue('role', 'auditor'),
        };
    },
});

describe('ClientIdentity', () => {
    let ca: CertificateAuthority;
    before(async () => {
        ca = await createCertificateAuthority('ca.org1.example.com');
    });

    test('getID is x509::<subject>::<issuer> in slash form, as fabric-shim builds it', async (t) => {
        const user = await ca.issue({
            commonName: 'User1@org1.example.com',
            usage: 'client',
            organizationalUnit: 'client',
        });
        const { connectPeer } = await startServer(t, identity);
        const peer = await connectPeer({ creator: { mspid: 'Org1MSP', certificate: user.cert, privateKey: user.key } });
        const result = JSON.parse((await peer.invoke(['who'])).payload.toString()) as Record<string, unknown>;
        assert.equal(
            result.id,
            `x509::/C=US/O=${ORG}/OU=client/CN=User1@org1.example.com::/C=US/O=${ORG}/CN=ca.org1.example.com`,
        );
        assert.equal(result.mspid, 'Org1MSP');
        assert.equal(result.pem, user.cert);
        assert.match(String(result.subject), /CN=User1@org1.example.com/);
        assert.equal(result.role, null);
        assert.equal(result.isAdmin, false);
    });

    test('escapes only the first "/" of a value, like fabric-shim', async (t) => {
        const user = await ca.issue({ commonName: 'a/b/c', usage: 'client' });
        const { connectPeer } = await startServer(t, identity);
        const peer = await connectPeer({ creator: { mspid: 'Org1MSP', certificate: user.cert } });
        const result = JSON.parse((await peer.invoke(['who'])).payload.toString()) as { id: string };
        assert.equal(result.id, `x509::/C=US/O=${ORG}/CN=a\\/b/c::/C=US/O=${ORG}/CN=ca.org1.example.com`);
    });

    test('reads Fabric CA attributes from the 1.2.3.4.5.6.7.8.1 extension', async (t) => {
        const user = await ca.issue({
            commonName: 'admin1',
            usage: 'client',
            attributes: { role: 'admin', 'hf.EnrollmentID': 'admin1' },
        });
        const { connectPeer } = await startServer(t, identity);
        const peer = await connectPeer({ creator: { mspid: 'Org2MSP', certificate: user.cert } });
        const result = JSON.parse((await peer.invoke(['who'])).payload.toString()) as Record<string, unknown>;
        assert.deepEqual(
            [result.role, result.missing, result.isAdmin, result.isAuditor, result.mspid],
            ['admin', null, true, false, 'Org2MSP'],
        );
    });

    test('refuses a creator that is not an X.509 certificate', async (t) => {
        const { connectPeer } = await startServer(t, identity);
        const peer = await connectPeer({ creator: { mspid: 'IdemixMSP', certificate: 'not a certificate' } });
        const result = await peer.invoke(['who']);
        assert.equal(result.status, 500);
        assert.match(result.message, /not an X\.509 certificate/);
    });
});
