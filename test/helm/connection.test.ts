// SPDX-License-Identifier: Apache-2.0
//
// What the chart hands the peer: connection.json and metadata.json byte for byte as the packaging tool writes
// them (plaintext, TLS, mutual TLS), accepted by builders/bin/{detect,build,release}, and the builder scripts
// shipped in the chart identical to builders/bin.

import assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { createTlsFixture } from '../../src/testing/certs.ts';
import { renderConnectionJson, renderMetadataJson, type ConnectionOptions } from '../../src/tools/connection-json.ts';
import { readPemFile } from '../../src/tools/pem-checks.ts';
import { BUILDERS_BIN, DASH, busyboxShell, makeBuilderDirs, makeTempDir, runScript } from '../helpers/builder-scripts.ts';
import { CHART, NAMESPACE, PACKAGE_ID, RELEASE, find, helm, render, type K8sObject } from './helm.ts';

const DEFAULT_ADDRESS = `${RELEASE}-fabric-ccaas.${NAMESPACE}.svc:9999`;

interface Rendered {
    readonly kind: string;
    readonly connection: string;
    readonly metadata: string;
}

/** connection.json and metadata.json from the chart's ConfigMap or Secret, as the bytes a reader gets. */
function connectionFiles(objects: readonly K8sObject[]): Rendered {
    const object = objects.find((o) => o.metadata.name.endsWith('-connection'));
    assert.ok(object, 'no <fullname>-connection object');
    const data = object.data as Record<string, string>;
    const decode = (text: string | undefined): string =>
        object.kind === 'Secret' ? Buffer.from(text ?? '', 'base64').toString('utf8') : (text ?? '');
    return { kind: object.kind, connection: decode(data['connection.json']), metadata: decode(data['metadata.json']) };
}

interface Pems {
    readonly dir: string;
    readonly ca: string;
    readonly clientCert: string;
    readonly clientKey: string;
}

/** Fresh PEM files, written with CRLF line endings and no final newline to exercise the normalisation. */
async function writePems(t: TestContext): Promise<Pems> {
    const { ca, client } = await createTlsFixture();
    const dir = makeTempDir(t, 'ccaas-helm-pems-');
    const write = (name: string, pem: string): string => {
        const file = path.join(dir, name);
        writeFileSync(file, pem.trimEnd().replace(/\n/g, '\r\n'));
        return file;
    };
    return {
        dir,
        ca: write('ca.pem', ca.cert),
        clientCert: write('client.pem', client.cert),
        clientKey: write('client-key.pem', client.key),
    };
}

const TLS_ARGS = ['--set', 'tls.enabled=true', '--set', 'tls.existingSecret=basic-cc-tls'];

/** Runs detect, build and release on the files, as the peer does at install time; returns what the peer reads. */
function buildAndRelease(t: TestContext, files: Rendered, env: Record<string, string> = {}): string {
    const shells = [DASH, busyboxShell(makeTempDir(t, 'ccaas-busybox-'))];
    let released = '';
    for (const shell of shells) {
        const dirs = makeBuilderDirs(t);
        writeFileSync(path.join(dirs.source, 'connection.json'), files.connection);
        writeFileSync(path.join(dirs.metadata, 'metadata.json'), files.metadata);
        for (const [script, args] of [
            ['detect', [dirs.source, dirs.metadata]],
            ['build', [dirs.source, dirs.metadata, dirs.build]],
            ['release', [dirs.build, dirs.release]],
        ] as const) {
            const result = runScript(shell, script, args, env);
            assert.equal(result.status, 0, `${shell.name} ${script}: ${result.stderr}`);
        }
        released = readFileSync(path.join(dirs.release, 'chaincode', 'server', 'connection.json'), 'utf8');
    }
    return released;
}

describe('connection.json and metadata.json from the chart', () => {
    test('plaintext: a ConfigMap equal to renderConnectionJson with the default Service address', (t) => {
        const files = connectionFiles(render(['--set', `chaincode.id=${PACKAGE_ID}`]));
        assert.equal(files.kind, 'ConfigMap');
        assert.equal(files.connection, renderConnectionJson({ address: DEFAULT_ADDRESS, dialTimeout: '10s' }));
        assert.equal(files.metadata, renderMetadataJson('basic_1.0'));
        assert.equal(buildAndRelease(t, files), files.connection);
    });

    test('TLS: root_cert normalised as the packaging tool does, still a ConfigMap', async (t) => {
        const pems = await writePems(t);
        const files = connectionFiles(
            render([
                '--set',
                `chaincode.id=${PACKAGE_ID}`,
                ...TLS_ARGS,
                '--set-file',
                `connection.rootCert=${pems.ca}`,
                '--set',
                'connection.dialTimeout=15s',
            ]),
        );
        assert.equal(files.kind, 'ConfigMap');
        const expected: ConnectionOptions = {
            address: DEFAULT_ADDRESS,
            dialTimeout: '15s',
            rootCert: readPemFile(pems.ca, '--tls-root-cert'),
        };
        assert.equal(files.connection, renderConnectionJson(expected));
        assert.equal(buildAndRelease(t, files), files.connection);
    });

    test('mutual TLS: client_cert and client_key, in a Secret because of the key', async (t) => {
        const pems = await writePems(t);
        const files = connectionFiles(
            render([
                '--set',
                `chaincode.id=${PACKAGE_ID}`,
                '--set',
                'chaincode.label=basic_1.0',
                ...TLS_ARGS,
                '--set',
                'tls.clientCa.existingSecret=org1-peer-client-ca',
                '--set-file',
                `connection.rootCert=${pems.ca}`,
                '--set-file',
                `connection.clientCert=${pems.clientCert}`,
                '--set-file',
                `connection.clientKey=${pems.clientKey}`,
                '--set',
                'connection.domain=basic-cc.fabric.svc',
            ]),
        );
        assert.equal(files.kind, 'Secret');
        const expected: ConnectionOptions = {
            address: DEFAULT_ADDRESS,
            dialTimeout: '10s',
            rootCert: readPemFile(pems.ca, '--tls-root-cert'),
            clientCert: readPemFile(pems.clientCert, '--client-cert'),
            clientKey: readPemFile(pems.clientKey, '--client-key'),
            domain: 'basic-cc.fabric.svc',
        };
        assert.equal(files.connection, renderConnectionJson(expected));
        assert.equal(files.metadata, renderMetadataJson('basic_1.0'));
        assert.equal(buildAndRelease(t, files), files.connection);
    });

    test('a templated address is rendered by the builder from CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG', (t) => {
        const address = '{{.peername}}-basic-cc.fabric:9999';
        // --set would read {...} as a list: pass the value in a values file (JSON is YAML).
        const values = path.join(makeTempDir(t, 'ccaas-helm-values-'), 'values.yaml');
        writeFileSync(values, JSON.stringify({ chaincode: { id: PACKAGE_ID }, connection: { address } }));
        const files = connectionFiles(render(['-f', values]));
        assert.equal(files.connection, renderConnectionJson({ address, dialTimeout: '10s' }));
        const released = buildAndRelease(t, files, { CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG: '{"peername":"org1peer0"}' });
        assert.equal((JSON.parse(released) as { address: string }).address, 'org1peer0-basic-cc.fabric:9999');
    });

    test('escapes <, > and & in values as Go and renderConnectionJson do', () => {
        const address = 'cc<a&b>.example:9999';
        const files = connectionFiles(
            render(['--set', `chaincode.id=${PACKAGE_ID}`, '--set-string', `connection.address=${address}`]),
        );
        assert.equal(files.connection, renderConnectionJson({ address, dialTimeout: '10s' }));
        assert.match(files.connection, /\\u003c/);
    });

    test('metadata.json takes its label from chaincode.label, else chaincode.id, else dev-chaincode', () => {
        const label = (args: string[]): string => connectionFiles(render(args)).metadata;
        assert.equal(label(['--set', `chaincode.id=other+cc.2:${'0'.repeat(64)}`]), renderMetadataJson('other+cc.2'));
        assert.equal(
            label(['--set', 'chaincode.allowDevelopmentId=true', '--set', 'chaincode.label=mycc_2.0']),
            renderMetadataJson('mycc_2.0'),
        );
        assert.equal(label(['--set', 'chaincode.allowDevelopmentId=true']), renderMetadataJson('dev-chaincode'));
    });
});

describe('builder scripts in the chart', () => {
    const scripts = readdirSync(BUILDERS_BIN).sort();

    test('the builder ConfigMap carries each script unchanged, in the namespace chosen for the peers', () => {
        const configMap = find(
            render(['--set', `chaincode.id=${PACKAGE_ID}`, '--set', 'builders.namespace=fabric-peers']),
            'ConfigMap',
            '-builder',
        );
        assert.equal(configMap.metadata.namespace, 'fabric-peers');
        const data = configMap.data as Record<string, string>;
        assert.deepEqual(Object.keys(data).sort(), scripts);
        for (const script of scripts) {
            assert.equal(data[script], readFileSync(path.join(BUILDERS_BIN, script), 'utf8'));
        }
    });

    test('a chart without the copied scripts stops rendering and says how to copy them', () => {
        const bare = mkdtempSync(path.join(tmpdir(), 'chart-'));
        try {
            cpSync(CHART, bare, { recursive: true, filter: (source) => !source.includes(path.join('files', 'builders')) });
            const result = helm(['template', RELEASE, bare, '--set', `chaincode.id=${PACKAGE_ID}`]);
            assert.notEqual(result.status, 0);
            assert.match(result.stderr, /files\/builders\/build is missing from the chart: run `npm run chart:builders`/);
        } finally {
            rmSync(bare, { recursive: true, force: true });
        }
    });

    test('builders.enabled=false leaves the ConfigMap out', () => {
        const objects = render(['--set', `chaincode.id=${PACKAGE_ID}`, '--set', 'builders.enabled=false']);
        assert.equal(
            objects.some((o) => o.metadata.name.endsWith('-builder')),
            false,
        );
    });
});
