// SPDX-License-Identifier: Apache-2.0
//
// Renewing the serving certificate without a restart, with real files and real TLS: the key
// pair sits in a directory laid out and swapped the way the kubelet updates a mounted Secret.
// New handshakes get the new certificate while a stream opened before keeps transacting; a bad
// new pair is refused and the old one kept; the expiry gauge and the reload counter follow.

import assert from 'node:assert/strict';
import { X509Certificate } from 'node:crypto';
import { Writable } from 'node:stream';
import { before, describe, test, type TestContext } from 'node:test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import tls from 'node:tls';
import pino, { type Logger } from 'pino';
import { resolveTls, type TlsConfig } from '../../src/config/tls-material.ts';
import { createMetrics } from '../../src/metrics/metrics.ts';
import { watchServingCertificate } from '../../src/process/serving-certificate.ts';
import { createTlsFixture, type KeyAndCert, type TlsFixture } from '../../src/testing/certs.ts';
import { FakePeer } from '../../src/testing/fake-peer.ts';
import { ChaincodeServer } from '../../src/shim/chaincode-server.ts';
import { probeChaincode } from '../fixtures/probe-chaincode.ts';
import { SecretVolume } from '../helpers/secret-volume.ts';
import { TEST_PACKAGE_ID } from '../../src/testing/serve-chaincode.ts';

const DAY_MS = 24 * 60 * 60 * 1000;

let fixture: TlsFixture;
let renewed: KeyAndCert;
let expired: KeyAndCert;

before(async () => {
    fixture = await createTlsFixture();
    const hosts = ['localhost', '127.0.0.1'];
    renewed = await fixture.ca.issue({ commonName: 'chaincode-renewed', hosts, usage: 'server' });
    expired = await fixture.ca.issue({
        commonName: 'chaincode-expired',
        hosts,
        usage: 'server',
        notBefore: new Date(Date.now() - 30 * DAY_MS),
        notAfter: new Date(Date.now() - DAY_MS),
    });
});

const secretFiles = (pair: KeyAndCert): Record<string, string> => ({
    'tls.key': pair.key,
    'tls.crt': pair.cert,
    'ca.crt': fixture.ca.cert,
});

const fingerprint = (pem: string): string => new X509Certificate(pem).fingerprint256;

/** The certificate a brand-new mutual-TLS client is served, by fingerprint. */
function servedFingerprint(address: string): Promise<string> {
    const [host = '', port = ''] = address.split(':');
    return new Promise((resolve, reject) => {
        const socket = tls.connect({
            host,
            port: Number(port),
            ca: fixture.ca.cert,
            key: fixture.client.key,
            cert: fixture.client.cert,
            ALPNProtocols: ['h2'],
        });
        socket.once('secureConnect', () => {
            resolve(socket.getPeerCertificate().fingerprint256);
            socket.destroy();
        });
        socket.once('error', reject);
    });
}

interface Running {
    readonly address: string;
    /** Resolves with the next log line (from now on) whose message starts with `prefix`. */
    readonly nextLog: (prefix: string) => Promise<Record<string, unknown>>;
    /** A fake peer connected over mutual TLS, closed when the test ends. */
    readonly connectPeer: () => Promise<FakePeer>;
    readonly metric: (name: string, labels?: Record<string, string>) => Promise<number | undefined>;
}

/** A JSON logger whose lines can be waited for. */
function waitableLogger(): { logger: Logger; nextLog: Running['nextLog'] } {
    const waiters: { prefix: string; resolve: (line: Record<string, unknown>) => void }[] = [];
    const destination = new Writable({
        write(chunk: Buffer, _encoding, callback): void {
            for (const text of chunk.toString('utf8').split('\n').filter(Boolean)) {
                const line = JSON.parse(text) as Record<string, unknown>;
                for (const waiter of waiters.filter((w) => String(line.msg).startsWith(w.prefix))) {
                    waiters.splice(waiters.indexOf(waiter), 1);
                    waiter.resolve(line);
                }
            }
            callback();
        },
    });
    return {
        logger: pino({ level: 'info' }, destination),
        nextLog: (prefix) => new Promise((resolve) => waiters.push({ prefix, resolve })),
    };
}

/** A mutual-TLS server reading its pair from `dir`'s tls.key, tls.crt and ca.crt, with the reloader main.ts starts. */
async function serveFiles(t: TestContext, dir: string): Promise<Running> {
    const config = resolveTls({
        disabled: null,
        keyFile: path.join(dir, 'tls.key'),
        certFile: path.join(dir, 'tls.crt'),
        clientCaFile: path.join(dir, 'ca.crt'),
        key: null,
        cert: null,
        clientCa: null,
    }) as TlsConfig;
    const { logger, nextLog } = waitableLogger();
    const server = new ChaincodeServer({
        chaincodeId: TEST_PACKAGE_ID,
        chaincode: probeChaincode(),
        address: '127.0.0.1:0',
        logger: pino({ level: 'silent' }),
        tls: config,
    });
    const address = `127.0.0.1:${String(await server.start())}`;
    const metrics = createMetrics({ servingTls: true });
    const watcher = watchServingCertificate({
        tls: config,
        updateTls: (material) => {
            server.updateTls(material);
        },
        metrics,
        logger,
        debounceMs: 20,
    });
    t.after(() => {
        watcher.close();
        server.forceClose();
    });
    return {
        address,
        nextLog,
        connectPeer: async () => {
            const peer = new FakePeer({ chaincodeId: TEST_PACKAGE_ID });
            t.after(() => {
                peer.close();
            });
            await peer.connect(address, {
                rootCert: fixture.ca.cert,
                clientKey: fixture.client.key,
                clientCert: fixture.client.cert,
            });
            return peer;
        },
        metric: async (name, labels = {}) => {
            const values = (await metrics.registry.getSingleMetric(name)?.get())?.values ?? [];
            return values.find((value) => Object.entries(labels).every(([key, wanted]) => value.labels[key] === wanted))
                ?.value;
        },
    };
}

async function serveFromVolume(t: TestContext): Promise<Running & { volume: SecretVolume }> {
    const volume = SecretVolume.create(t, secretFiles(fixture.server));
    return { ...(await serveFiles(t, volume.dir)), volume };
}

describe('TLS key pair reload', () => {
    test('a kubelet-style swap serves the new certificate to new handshakes; a stream opened before keeps going', async (t) => {
        const running = await serveFromVolume(t);
        const before = await running.connectPeer();
        assert.equal((await before.invoke(['echo', 'one'])).status, 200);
        assert.equal(await servedFingerprint(running.address), fingerprint(fixture.server.cert));
        assert.equal(
            await running.metric('chaincode_tls_certificate_expiry_timestamp_seconds'),
            Math.floor(new Date(new X509Certificate(fixture.server.cert).validTo).getTime() / 1000),
        );

        const reloaded = running.nextLog('TLS key pair reloaded');
        running.volume.update(secretFiles(renewed));
        const line = await reloaded;
        assert.equal(line.fingerprint256, fingerprint(renewed.cert));

        assert.equal(await servedFingerprint(running.address), fingerprint(renewed.cert));
        for (const arg of ['two', 'three']) {
            assert.equal((await before.invoke(['echo', arg])).status, 200, 'the stream opened before the swap');
        }
        const after = await running.connectPeer();
        assert.equal((await after.invoke(['echo', 'new'])).status, 200);
        assert.equal(await running.metric('chaincode_tls_reloads_total', { outcome: 'success' }), 1);
        assert.equal(await running.metric('chaincode_tls_reloads_total', { outcome: 'failure' }), 0);
        assert.equal(
            await running.metric('chaincode_tls_certificate_expiry_timestamp_seconds'),
            Math.floor(new Date(new X509Certificate(renewed.cert).validTo).getTime() / 1000),
        );
    });

    const badPairs: { name: string; files: () => Record<string, string>; file: string; problem: RegExp }[] = [
        {
            name: 'a key that does not match the new certificate',
            files: () => ({ ...secretFiles(renewed), 'tls.key': fixture.server.key }),
            file: 'tls.key',
            problem: /the key does not match the certificate in .*tls\.crt/,
        },
        {
            name: 'an expired certificate',
            files: () => secretFiles(expired),
            file: 'tls.crt',
            problem: /the certificate expired on /,
        },
        {
            name: 'a certificate file that is not PEM',
            files: () => ({ ...secretFiles(renewed), 'tls.crt': 'not a certificate' }),
            file: 'tls.crt',
            problem: /the certificate does not parse/,
        },
    ];
    for (const bad of badPairs) {
        test(`${bad.name} is refused and logged naming the file; the old certificate stays`, async (t) => {
            const running = await serveFromVolume(t);
            const refused = running.nextLog('TLS reload refused');
            running.volume.update(bad.files());
            const line = await refused;
            assert.equal(line.level, 50, 'logged as an error');
            assert.equal(line.file, running.volume.path(bad.file));
            assert.match(String(line.problem), bad.problem);
            assert.equal(await servedFingerprint(running.address), fingerprint(fixture.server.cert));
            const peer = await running.connectPeer();
            assert.equal((await peer.invoke(['echo', 'still'])).status, 200);
            assert.equal(await running.metric('chaincode_tls_reloads_total', { outcome: 'failure' }), 1);
            assert.equal(await running.metric('chaincode_tls_reloads_total', { outcome: 'success' }), 0);

            const recovered = running.nextLog('TLS key pair reloaded');
            running.volume.update(secretFiles(renewed));
            await recovered;
            assert.equal(await servedFingerprint(running.address), fingerprint(renewed.cert));
        });
    }

    test('plain files rewritten in place (no Secret volume) are picked up too', async (t) => {
        const dir = mkdtempSync(path.join(tmpdir(), 'tls-files-'));
        t.after(() => {
            rmSync(dir, { recursive: true, force: true });
        });
        const write = (files: Record<string, string>): void => {
            for (const [name, content] of Object.entries(files)) {
                writeFileSync(path.join(dir, name), content);
            }
        };
        write(secretFiles(fixture.server));
        const running = await serveFiles(t, dir);
        const reloaded = running.nextLog('TLS key pair reloaded');
        write(secretFiles(renewed));
        assert.equal((await reloaded).fingerprint256, fingerprint(renewed.cert));
        assert.equal(await servedFingerprint(running.address), fingerprint(renewed.cert));
    });
});
