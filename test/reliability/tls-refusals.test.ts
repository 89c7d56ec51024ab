// SPDX-License-Identifier: Apache-2.0
//
// What a mutual-TLS server refuses: plaintext, no client certificate, a certificate from
// another CA, an expired certificate. Each refusal opens no stream, reaches no handler, is
// logged once as a warning naming the reason and the client's address, and the server goes on
// serving a good peer right after it.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import {
    createCertificateAuthority,
    createTlsFixture,
    type KeyAndCert,
    type TlsFixture,
} from '../../src/testing/certs.ts';
import type { DialTls } from '../../src/testing/index.ts';
import type { CreatorIdentity } from '../../src/testing/proposal-builder.ts';
import { probeChaincode } from '../fixtures/probe-chaincode.ts';
import { createCreator, recordStrayErrors, serve, within, type StrayErrors } from './support.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

let stray: StrayErrors;
let creator: CreatorIdentity;
let fixture: TlsFixture;
let stranger: KeyAndCert;
let expired: KeyAndCert;

before(async () => {
    stray = recordStrayErrors();
    creator = await createCreator();
    fixture = await createTlsFixture();
    stranger = await (await createCertificateAuthority('Other CA')).issue({ commonName: 'intruder', usage: 'client' });
    expired = await fixture.ca.issue({
        commonName: 'peer0-expired',
        usage: 'client',
        notBefore: new Date(Date.now() - 30 * DAY_MS),
        notAfter: new Date(Date.now() - DAY_MS),
    });
});

after(() => {
    stray.stop();
});

const refusals: {
    readonly name: string;
    readonly dial: () => DialTls | undefined;
    /** The reason the warning must give. */
    readonly reason: string;
}[] = [
    { name: 'a plaintext client', dial: () => undefined, reason: 'not a TLS client (plaintext or another protocol?)' },
    {
        name: 'a client with no certificate',
        dial: () => ({ rootCert: fixture.ca.cert }),
        reason: 'no client certificate',
    },
    {
        name: 'a client whose certificate comes from another CA',
        dial: () => ({ rootCert: fixture.ca.cert, clientKey: stranger.key, clientCert: stranger.cert }),
        reason: 'client certificate is not signed by the trusted CA',
    },
    {
        name: 'a client whose certificate has expired',
        dial: () => ({ rootCert: fixture.ca.cert, clientKey: expired.key, clientCert: expired.cert }),
        reason: 'client certificate expired',
    },
];
let refused = 0;

describe('a mutual-TLS server', () => {
    for (const { name, dial, reason } of refusals) {
        test(`refuses ${name}: no stream, no handler, one warning with reason and address, and a good peer is served right after`, async (t) => {
            const { server, connectPeer, logs } = await serve(t, probeChaincode(), {
                creator,
                logLevel: 'debug',
                tls: {
                    key: Buffer.from(fixture.server.key),
                    cert: Buffer.from(fixture.server.cert),
                    clientCa: Buffer.from(fixture.ca.cert),
                },
            });
            await assert.rejects(
                connectPeer({}, dial()),
                (err: Error & { code?: number }) => err.code === grpc.status.UNAVAILABLE,
                `${name} was not refused`,
            );
            refused++;
            assert.equal(server.openStreams, 0);
            assert.deepEqual(
                logs.filter((line) => line.stream !== undefined),
                [],
                'the refused client reached a stream handler',
            );
            const good = { rootCert: fixture.ca.cert, clientKey: fixture.client.key, clientCert: fixture.client.cert };
            const peer = await connectPeer({}, good);
            assert.equal((await within(peer.invoke(['echo', 'after']), 'a good transaction')).status, 200);
            assert.deepEqual(
                logs.filter((line) => typeof line.level === 'number' && line.level >= 50),
                [],
                'a refusal logged an error',
            );
            const warnings = logs.filter((line) => line.msg === 'TLS handshake refused');
            assert.equal(warnings.length, 1, 'the refusal was not logged exactly once');
            assert.equal(warnings[0]?.reason, reason);
            assert.match(
                String(warnings[0].remote),
                /^127\.0\.0\.1:\d+$/,
                'the warning does not name the remote address',
            );
            assert.deepEqual(await stray.settle(), []);
        });
    }

    test('refused all four kinds of client', () => {
        console.log(`# TLS refusals: ${refused} of ${refusals.length}`);
        assert.equal(refused, 4);
    });
});
