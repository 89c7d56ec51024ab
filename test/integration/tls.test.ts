// SPDX-License-Identifier: Apache-2.0
//
// TLS and mutual TLS over real sockets, with certificates generated for this run: who
// gets through, and who is refused.

import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { createCertificateAuthority, createTlsFixture, type TlsFixture } from '../../src/testing/certs.ts';
import { FakePeer } from '../../src/testing/fake-peer.ts';
import { probeChaincode } from '../fixtures/probe-chaincode.ts';
import { TEST_PACKAGE_ID } from '../../src/testing/index.ts';
import { startServer } from '../helpers/server.ts';

let fixture: TlsFixture;

before(async () => {
    fixture = await createTlsFixture();
});

function serverTls(clientCa?: string): { key: Buffer; cert: Buffer; clientCa?: Buffer } {
    return {
        key: Buffer.from(fixture.server.key),
        cert: Buffer.from(fixture.server.cert),
        ...(clientCa === undefined ? {} : { clientCa: Buffer.from(clientCa) }),
    };
}

describe('TLS', () => {
    test('a peer that trusts the server CA runs a transaction', async (t) => {
        const { connectPeer } = await startServer(t, probeChaincode(), { tls: serverTls() });
        const peer = await connectPeer({}, { rootCert: fixture.ca.cert });
        assert.equal((await peer.invoke(['echo', 'secure'])).payload.toString(), 'secure');
    });

    test('a plaintext client cannot talk to a TLS server, and the server keeps serving', async (t) => {
        const { address, connectPeer } = await startServer(t, probeChaincode(), { tls: serverTls() });
        const plain = new FakePeer({ chaincodeId: TEST_PACKAGE_ID });
        t.after(() => {
            plain.close();
        });
        await assert.rejects(plain.connect(address));
        const peer = await connectPeer({}, { rootCert: fixture.ca.cert });
        assert.equal((await peer.invoke(['echo', 'still'])).payload.toString(), 'still');
    });

    test('a client that does not trust the server CA is refused', async (t) => {
        const { address } = await startServer(t, probeChaincode(), { tls: serverTls() });
        const otherCa = await createCertificateAuthority('Other CA');
        const peer = new FakePeer({ chaincodeId: TEST_PACKAGE_ID });
        t.after(() => {
            peer.close();
        });
        await assert.rejects(peer.connect(address, { rootCert: otherCa.cert }));
    });
});

describe('mutual TLS', () => {
    test('a client with a certificate from the client CA runs a transaction', async (t) => {
        const { connectPeer } = await startServer(t, probeChaincode(), { tls: serverTls(fixture.ca.cert) });
        const peer = await connectPeer(
            {},
            { rootCert: fixture.ca.cert, clientKey: fixture.client.key, clientCert: fixture.client.cert },
        );
        assert.equal((await peer.invoke(['echo', 'mutual'])).payload.toString(), 'mutual');
    });

    test('a client with no certificate is refused', async (t) => {
        const { address, server } = await startServer(t, probeChaincode(), { tls: serverTls(fixture.ca.cert) });
        const peer = new FakePeer({ chaincodeId: TEST_PACKAGE_ID });
        t.after(() => {
            peer.close();
        });
        await assert.rejects(peer.connect(address, { rootCert: fixture.ca.cert }));
        assert.equal(server.openStreams, 0);
    });

    test('a client whose certificate comes from another CA is refused', async (t) => {
        const { address, server } = await startServer(t, probeChaincode(), { tls: serverTls(fixture.ca.cert) });
        const otherCa = await createCertificateAuthority('Other CA');
        const stranger = await otherCa.issue({ commonName: 'intruder', usage: 'client' });
        const peer = new FakePeer({ chaincodeId: TEST_PACKAGE_ID });
        t.after(() => {
            peer.close();
        });
        await assert.rejects(
            peer.connect(address, { rootCert: fixture.ca.cert, clientKey: stranger.key, clientCert: stranger.cert }),
        );
        assert.equal(server.openStreams, 0);
    });
});
