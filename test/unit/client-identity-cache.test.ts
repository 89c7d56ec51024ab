// SPDX-License-Identifier: Apache-2.0
//
// ClientIdentity reuses what it parsed for a certificate it has seen: alternating clients
// still get their own identity, and a creator that is not a certificate still throws every time.

import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ClientIdentity } from '../../src/shim/client-identity.ts';
import type { ChaincodeStub } from '../../src/shim/types.ts';
import { createCertificateAuthority, type KeyAndCert } from '../../src/testing/certs.ts';

function stubFor(mspid: string, pem: string | Uint8Array): ChaincodeStub {
    const idBytes = typeof pem === 'string' ? Buffer.from(pem) : pem;
    return { getCreator: () => ({ mspid, idBytes }) } as unknown as ChaincodeStub;
}

let alice: KeyAndCert;
let bob: KeyAndCert;
before(async () => {
    const ca = await createCertificateAuthority('ca.cache.example.com');
    alice = await ca.issue({ commonName: 'alice', usage: 'client', attributes: { role: 'admin' } });
    bob = await ca.issue({ commonName: 'bob', usage: 'client', attributes: { role: 'auditor' } });
});

test('alternating clients each get their own identity', () => {
    for (let round = 0; round < 3; round++) {
        const a = new ClientIdentity(stubFor('Org1MSP', alice.cert));
        const b = new ClientIdentity(stubFor('Org2MSP', bob.cert));
        assert.match(a.getID(), /CN=alice::/);
        assert.match(b.getID(), /CN=bob::/);
        assert.equal(a.getMSPID(), 'Org1MSP');
        assert.equal(b.getMSPID(), 'Org2MSP');
        assert.equal(a.getAttributeValue('role'), 'admin');
        assert.equal(b.getAttributeValue('role'), 'auditor');
    }
});

test('the same bytes at another offset hit the same entry', () => {
    const padded = Buffer.concat([Buffer.from('xx'), Buffer.from(alice.cert)]).subarray(2);
    const first = new ClientIdentity(stubFor('Org1MSP', alice.cert));
    const second = new ClientIdentity(stubFor('Org1MSP', padded));
    assert.equal(second.getID(), first.getID());
    assert.equal(second.getX509Certificate(), first.getX509Certificate());
});

test('a creator that is not a certificate throws every time', () => {
    for (let i = 0; i < 2; i++) {
        assert.throws(() => new ClientIdentity(stubFor('Org1MSP', 'not a certificate')), /not an X.509 certificate/);
    }
    // A one-byte change to a known certificate is not served from the cache.
    const tampered = Buffer.from(alice.cert);
    tampered[40] = tampered[40] === 0x41 ? 0x42 : 0x41;
    new ClientIdentity(stubFor('Org1MSP', alice.cert));
    assert.throws(() => new ClientIdentity(stubFor('Org1MSP', tampered)));
});
