// SPDX-License-Identifier: Apache-2.0
//
// The certificate checks behind start-up and reload: the validity window, the expiry warning
// window, and the reasons a refused TLS client is logged with.

import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { before, describe, test } from 'node:test';
import { certificateRefusalReason, describeRemote, handshakeRefusalReason } from '../../src/shim/tls-refusal.ts';
import { createCertificateAuthority, type CertificateAuthority } from '../../src/testing/certs.ts';
import { EXPIRY_WARNING_DAYS, daysLeftIfExpiringSoon, validityProblem } from '../../src/tls/certificate-validity.ts';
import { checkServerMaterial, TlsMaterialError } from '../../src/tls/server-material.ts';

const DAY_MS = 24 * 60 * 60 * 1000;
const NOW = new Date('2026-06-01T12:00:00Z');

let ca: CertificateAuthority;

before(async () => {
    ca = await createCertificateAuthority();
});

const issue = (notBefore: Date, notAfter: Date): ReturnType<CertificateAuthority['issue']> =>
    ca.issue({ commonName: 'server', hosts: ['localhost'], usage: 'server', notBefore, notAfter });

describe('certificate validity', () => {
    test('inside, before and after the window', async () => {
        const cert = new X509Certificate(
            (await issue(new Date(NOW.getTime() - DAY_MS), new Date(NOW.getTime() + DAY_MS))).cert,
        );
        assert.equal(validityProblem(cert, NOW), undefined);
        assert.match(String(validityProblem(cert, new Date(NOW.getTime() + 2 * DAY_MS))), /^expired on /);
        assert.match(String(validityProblem(cert, new Date(NOW.getTime() - 2 * DAY_MS))), /^is not valid before /);
    });

    test(`warns within ${String(EXPIRY_WARNING_DAYS)} days of notAfter, not before`, () => {
        const inDays = (days: number): Date => new Date(NOW.getTime() + days * DAY_MS);
        assert.equal(daysLeftIfExpiringSoon(inDays(EXPIRY_WARNING_DAYS + 1), NOW), undefined);
        assert.equal(daysLeftIfExpiringSoon(inDays(6.5), NOW), 6);
        assert.equal(daysLeftIfExpiringSoon(inDays(0.2), NOW), 0);
    });

    test('checkServerMaterial names the part at fault', async () => {
        const good = await issue(new Date(Date.now() - DAY_MS), new Date(Date.now() + DAY_MS));
        const other = await issue(new Date(Date.now() - DAY_MS), new Date(Date.now() + DAY_MS));
        const checked = checkServerMaterial({ key: Buffer.from(good.key), cert: Buffer.from(good.cert) });
        assert.equal(checked.fingerprint256, new X509Certificate(good.cert).fingerprint256);
        const partOf = (material: Parameters<typeof checkServerMaterial>[0]): string | undefined => {
            try {
                checkServerMaterial(material);
                return undefined;
            } catch (err) {
                assert.ok(err instanceof TlsMaterialError);
                return `${err.part}: ${err.message}`;
            }
        };
        assert.match(String(partOf({ key: Buffer.from(other.key), cert: Buffer.from(good.cert) })), /^key: .*match/);
        assert.match(String(partOf({ key: Buffer.from('x'), cert: Buffer.from(good.cert) })), /^key: .*parse/);
        assert.match(String(partOf({ key: Buffer.from(good.key), cert: Buffer.from('x') })), /^cert: .*parse/);
        const clientCa = Buffer.from('not a certificate');
        assert.match(
            String(partOf({ key: Buffer.from(good.key), cert: Buffer.from(good.cert), clientCa })),
            /^clientCa:/,
        );
    });
});

describe('TLS refusal reasons', () => {
    test('verification codes', () => {
        assert.equal(certificateRefusalReason('UNABLE_TO_GET_ISSUER_CERT', false), 'no client certificate');
        assert.equal(
            certificateRefusalReason('UNABLE_TO_VERIFY_LEAF_SIGNATURE', true),
            'client certificate is not signed by the trusted CA',
        );
        assert.equal(certificateRefusalReason('CERT_HAS_EXPIRED', true), 'client certificate expired');
        assert.equal(certificateRefusalReason('SOMETHING_NEW', true), 'client certificate refused (SOMETHING_NEW)');
    });

    test('handshake errors and alerts', () => {
        assert.equal(
            handshakeRefusalReason('ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', 'x'),
            'the client aborted the handshake with the alert "unknown ca"',
        );
        assert.equal(handshakeRefusalReason(undefined, 'first line\nsecond'), 'first line');
        assert.equal(
            handshakeRefusalReason('ECONNRESET', 'socket hang up'),
            'the client closed the connection during the handshake',
        );
    });

    test('remote addresses', () => {
        assert.equal(describeRemote('127.0.0.1', 4000), '127.0.0.1:4000');
        assert.equal(describeRemote('::1', 4000), '[::1]:4000');
        assert.match(describeRemote(undefined, undefined), /^unknown/);
    });
});
