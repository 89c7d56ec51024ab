// SPDX-License-Identifier: Apache-2.0
//
// The built entry point exports the serving certificate's notAfter as
// chaincode_tls_certificate_expiry_timestamp_seconds when it serves TLS, and no such metric without TLS.

import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { createTlsFixture } from '../helpers/certs.ts';
import { startChildServer, type ChildServer } from '../helpers/child-server.ts';

const GAUGE = 'chaincode_tls_certificate_expiry_timestamp_seconds';

async function scrape(server: ChildServer): Promise<string> {
    const line = await server.waitForLog((l) => l.msg === 'sidecar listening');
    const response = await fetch(`${String(line.address)}/metrics`);
    assert.equal(response.status, 200);
    return response.text();
}

test('a TLS server exports its certificate notAfter in Unix seconds', async (t) => {
    const fixture = await createTlsFixture();
    const dir = mkdtempSync(path.join(tmpdir(), 'ccaas-expiry-'));
    t.after(() => {
        rmSync(dir, { recursive: true, force: true });
    });
    writeFileSync(path.join(dir, 'tls.key'), fixture.server.key);
    writeFileSync(path.join(dir, 'tls.crt'), fixture.server.cert);
    const server = await startChildServer(t, {
        CHAINCODE_TLS_KEY: path.join(dir, 'tls.key'),
        CHAINCODE_TLS_CERT: path.join(dir, 'tls.crt'),
    });
    const text = await scrape(server);
    const expected = Date.parse(new X509Certificate(fixture.server.cert).validTo) / 1000;
    assert.ok(Number.isFinite(expected));
    assert.match(text, new RegExp(`^${GAUGE} ${String(expected)}$`, 'm'));
});

test('a plaintext server exports no certificate expiry metric', async (t) => {
    const text = await scrape(await startChildServer(t));
    assert.match(text, /^chaincode_ready 1$/m);
    assert.doesNotMatch(text, new RegExp(GAUGE));
});
