// SPDX-License-Identifier: Apache-2.0
//
// The built entry point (dist/main.js) serving mutual TLS from a kubelet-style Secret volume:
// a certificate close to expiry is warned about at start-up, the sidecar exports its expiry and
// the reload counter, and a renewal swapped into the volume is served without a restart while
// the peer's stream stays up.

import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { createTlsFixture, type KeyAndCert, type TlsFixture } from '../../src/testing/certs.ts';
import { FakePeer } from '../../src/testing/fake-peer.ts';
import { startChildServer } from '../helpers/child-server.ts';
import { SecretVolume } from '../helpers/secret-volume.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const CHAINCODE_ID = 'basic_1.0:0123456789abcdef';

let fixture: TlsFixture;
let expiringSoon: KeyAndCert;

before(async () => {
    fixture = await createTlsFixture();
    expiringSoon = await fixture.ca.issue({
        commonName: 'chaincode-expiring',
        hosts: ['localhost', '127.0.0.1'],
        usage: 'server',
        notAfter: new Date(Date.now() + 2 * DAY_MS),
    });
});

const expirySeconds = (pem: string): number => Math.floor(new Date(new X509Certificate(pem).validTo).getTime() / 1000);

/** The value of one sample in a Prometheus text exposition. */
function sample(text: string, series: string): number | undefined {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

describe('the server process with TLS from a Secret volume', () => {
    test('warns about a certificate close to expiry, exports it, and serves a renewal without a restart', async (t) => {
        const files = (pair: KeyAndCert): Record<string, string> => ({
            'tls.key': pair.key,
            'tls.crt': pair.cert,
            'ca.crt': fixture.ca.cert,
        });
        const volume = SecretVolume.create(t, files(expiringSoon));
        const server = await startChildServer(t, {
            CHAINCODE_ID,
            CHAINCODE_TLS_KEY: volume.path('tls.key'),
            CHAINCODE_TLS_CERT: volume.path('tls.crt'),
            CHAINCODE_CLIENT_CA_CERT: volume.path('ca.crt'),
        });
        const warning = await server.waitForLog((line) => String(line.msg).includes('expires soon'));
        assert.equal(warning.level, 40);
        assert.equal(warning.daysLeft, 1);
        const sidecar = String((await server.waitForLog((line) => line.msg === 'sidecar listening')).address);
        const metrics = async (): Promise<string> => (await fetch(`${sidecar}/metrics`)).text();
        const first = await metrics();
        assert.equal(
            sample(first, 'chaincode_tls_certificate_expiry_timestamp_seconds'),
            expirySeconds(expiringSoon.cert),
        );
        assert.equal(sample(first, 'chaincode_tls_reloads_total{outcome="success"}'), 0);

        const peer = new FakePeer({ chaincodeId: CHAINCODE_ID });
        t.after(() => {
            peer.close();
        });
        const dial = { rootCert: fixture.ca.cert, clientKey: fixture.client.key, clientCert: fixture.client.cert };
        await peer.connect(server.grpcAddress, dial);
        assert.equal((await peer.invoke(['GetAllAssets'])).status, 200);

        volume.update(files(fixture.server));
        await server.waitForLog((line) => String(line.msg).startsWith('TLS key pair reloaded'));
        const second = await metrics();
        assert.equal(sample(second, 'chaincode_tls_reloads_total{outcome="success"}'), 1);
        assert.equal(sample(second, 'chaincode_tls_reloads_total{outcome="failure"}'), 0);
        assert.equal(
            sample(second, 'chaincode_tls_certificate_expiry_timestamp_seconds'),
            expirySeconds(fixture.server.cert),
        );
        assert.equal((await peer.invoke(['GetAllAssets'])).status, 200, 'the stream opened before the renewal');
        assert.equal(server.child.exitCode, null);
    });
});
