// SPDX-License-Identifier: Apache-2.0
//
// builders/bin/{detect,build,release} run under dash and under busybox sh (with busybox's own tools) on
// peer-like directories: what they accept, the one-line errors they give, templating and the release layout.

import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { renderConnectionJson } from '../../src/tools/connection-json.ts';
import { DASH, busyboxShell, makeBuilderDirs, runScript } from '../helpers/builder-scripts.ts';
import type { BuilderDirs, ScriptResult, Shell } from '../helpers/builder-scripts.ts';

const CONFIG_VAR = 'CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG';
const FAKE_PEM = '-----BEGIN CERTIFICATE-----\nMIIBfakefakefake\n-----END CERTIFICATE-----\n';
const FAKE_KEY = '-----BEGIN PRIVATE KEY-----\nMIGHsecretsecret\n-----END PRIVATE KEY-----\n';
const PLAIN = renderConnectionJson({ address: 'cc.example:9999', dialTimeout: '10s' });
const MUTUAL_TLS = renderConnectionJson({
    address: 'cc.example:9999',
    dialTimeout: '10s',
    rootCert: FAKE_PEM,
    clientCert: FAKE_PEM,
    clientKey: FAKE_KEY,
});
const INDEX = '{"index":{"fields":["owner"]},"ddoc":"indexOwnerDoc","name":"indexOwner","type":"json"}';

function write(path: string, content: string): void {
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
}

function filesUnder(dir: string): string[] {
    return readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => relative(dir, join(entry.parentPath, entry.name)))
        .sort();
}

function assertFails(result: ScriptResult, stderr: string): void {
    assert.equal(result.stderr, `${stderr}\n`);
    assert.equal(result.status, 1);
}

const VARIANTS: readonly { readonly name: string; readonly shell: (dir: string) => Shell }[] = [
    { name: 'dash', shell: () => DASH },
    { name: 'busybox sh', shell: busyboxShell },
];

for (const variant of VARIANTS) {
    describe(`builder scripts under ${variant.name}`, () => {
        let appletDir = '';
        let shell: Shell = DASH;
        before(() => {
            appletDir = mkdtempSync(join(tmpdir(), 'ccaas applets '));
            shell = variant.shell(appletDir);
        });
        after(() => {
            rmSync(appletDir, { recursive: true, force: true });
        });

        function withMetadata(dirs: BuilderDirs, json = '{"label":"mycc_1.0","type":"ccaas"}'): string {
            const path = join(dirs.metadata, 'metadata.json');
            write(path, json);
            return path;
        }

        function build(dirs: BuilderDirs, connection?: string, env: Record<string, string> = {}): ScriptResult {
            withMetadata(dirs);
            if (connection !== undefined) {
                write(join(dirs.source, 'connection.json'), connection);
            }
            return runScript(shell, 'build', [dirs.source, dirs.metadata, dirs.build], env);
        }

        describe('detect', () => {
            for (const json of [
                '{"label":"mycc_1.0","type":"ccaas"}',
                '{\n    "type" : "CCAAS",\n    "label": "mycc_1.0"\n}\n',
                '{\r\n\t"label":\t"mycc_1.0",\r\n\t"type":\r\n\t"CCaaS"\r\n}',
            ]) {
                test(`claims ${JSON.stringify(json)}`, (t) => {
                    const dirs = makeBuilderDirs(t);
                    withMetadata(dirs, json);
                    const result = runScript(shell, 'detect', [dirs.source, dirs.metadata]);
                    assert.equal(result.stderr, '');
                    assert.equal(result.status, 0);
                });
            }

            test('declines another type with one line naming the file', (t) => {
                const dirs = makeBuilderDirs(t);
                const path = withMetadata(dirs, '{"label":"mycc_1.0","type":"external"}');
                const result = runScript(shell, 'detect', [dirs.source, dirs.metadata]);
                assertFails(result, `detect: ${path}: type "external" is not ccaas`);
            });

            test('declines metadata.json without a type', (t) => {
                const dirs = makeBuilderDirs(t);
                const path = withMetadata(dirs, '{"label":"mycc_1.0"}');
                const result = runScript(shell, 'detect', [dirs.source, dirs.metadata]);
                assertFails(result, `detect: ${path} has no "type" string`);
            });

            test('fails when metadata.json is missing', (t) => {
                const dirs = makeBuilderDirs(t);
                const result = runScript(shell, 'detect', [dirs.source, dirs.metadata]);
                assertFails(result, `detect: ${join(dirs.metadata, 'metadata.json')} not found`);
            });

            test('fails with a usage line when given the wrong arguments', () => {
                assertFails(runScript(shell, 'detect', []), 'detect: usage: detect SOURCE_DIR METADATA_DIR');
            });
        });

        describe('build', () => {
            for (const [name, connection] of [
                ['plaintext', PLAIN],
                ['mutual TLS', MUTUAL_TLS],
                [
                    'minified, reordered, CRLF',
                    '{"tls_required" :false,\r\n"dial_timeout":"1m30.5s","address":"[::1]:7052"}',
                ],
            ] as const) {
                test(`copies a ${name} connection.json and metadata.json to the build output`, (t) => {
                    const dirs = makeBuilderDirs(t);
                    const result = build(dirs, connection);
                    assert.equal(result.status, 0, result.stderr);
                    assert.match(
                        result.stderr,
                        /^build: connection\.json ready: address \S+, tls_required (true|false), /,
                    );
                    assert.equal(result.stderr.split('\n').length, 2);
                    assert.equal(readFileSync(join(dirs.build, 'connection.json'), 'utf8'), connection);
                    assert.deepEqual(filesUnder(dirs.build), ['connection.json', 'metadata.json']);
                    assert.equal(
                        readFileSync(join(dirs.build, 'metadata.json'), 'utf8'),
                        '{"label":"mycc_1.0","type":"ccaas"}',
                    );
                });
            }

            test('never prints PEM contents', (t) => {
                const dirs = makeBuilderDirs(t);
                const result = build(dirs, MUTUAL_TLS);
                assert.equal(result.status, 0);
                assert.doesNotMatch(result.stderr, /fakefake|secret/);
            });

            test('carries META-INF along to the build output', (t) => {
                const dirs = makeBuilderDirs(t);
                write(join(dirs.source, 'META-INF', 'statedb', 'couchdb', 'indexes', 'owner index.json'), INDEX);
                const result = build(dirs, PLAIN);
                assert.equal(result.status, 0, result.stderr);
                assert.deepEqual(filesUnder(dirs.build), [
                    'META-INF/statedb/couchdb/indexes/owner index.json',
                    'connection.json',
                    'metadata.json',
                ]);
            });

            test('fails when connection.json is missing', (t) => {
                const dirs = makeBuilderDirs(t);
                const path = join(dirs.source, 'connection.json');
                assertFails(
                    build(dirs),
                    `build: ${path} not found (a ccaas package needs connection.json in code.tar.gz)`,
                );
            });

            test('fails when metadata.json is not of type ccaas', (t) => {
                const dirs = makeBuilderDirs(t);
                const path = withMetadata(dirs, '{"label":"x","type":"k8s"}');
                write(join(dirs.source, 'connection.json'), PLAIN);
                const result = runScript(shell, 'build', [dirs.source, dirs.metadata, dirs.build]);
                assertFails(result, `build: ${path}: type "k8s" is not ccaas`);
            });

            const failures: readonly (readonly [string, string, string])[] = [
                ['is not JSON', 'address: x:1', 'is not a JSON object'],
                ['is a JSON array', '[{"address":"x:1"}]', 'is not a JSON object'],
                ['has a trailing comma', '{"address":"x:1",}', 'is not valid JSON (error near byte 18)'],
                ['has text after the object', '{"address":"x:1"} {}', 'is not valid JSON (error near byte 19)'],
                ['has no address', '{"dial_timeout":"10s"}', ': address is missing'],
                ['has an empty address', '{"address":""}', ': address is empty'],
                ['has a numeric address', '{"address":9999}', ': address must be a JSON string'],
                [
                    'has an address without a port',
                    '{"address":"cc.example"}',
                    ': address "cc.example" is not host:port',
                ],
                [
                    'has tls_required as a string',
                    '{"address":"x:1","tls_required":"true"}',
                    ': tls_required must be a JSON boolean (true or false), not a string',
                ],
                [
                    'has client_auth_required as a string',
                    '{"address":"x:1","client_auth_required":"false"}',
                    ': client_auth_required must be a JSON boolean (true or false), not a string',
                ],
                [
                    'has a numeric dial_timeout',
                    '{"address":"x:1","dial_timeout":10}',
                    ': dial_timeout must be a JSON string such as "10s", not a number',
                ],
                [
                    'has a dial_timeout that is no duration',
                    '{"address":"x:1","dial_timeout":"10 seconds"}',
                    ': dial_timeout "10 seconds" is not a duration such as "10s" or "500ms"',
                ],
                [
                    'has TLS without root_cert',
                    '{"address":"x:1","tls_required":true}',
                    ': root_cert is missing but tls_required is true',
                ],
                [
                    'has TLS with an empty root_cert',
                    '{"address":"x:1","tls_required":true,"root_cert":""}',
                    ': root_cert is empty but tls_required is true',
                ],
                [
                    'has a root_cert that is no PEM',
                    '{"address":"x:1","tls_required":true,"root_cert":"secret"}',
                    ': root_cert is not PEM (no -----BEGIN line)',
                ],
                [
                    'has client auth without client_cert',
                    JSON.stringify({
                        address: 'x:1',
                        tls_required: true,
                        client_auth_required: true,
                        root_cert: FAKE_PEM,
                    }),
                    ': client_cert is missing but client_auth_required is true',
                ],
                [
                    'has client auth with an empty client_key',
                    JSON.stringify({
                        address: 'x:1',
                        tls_required: true,
                        client_auth_required: true,
                        root_cert: FAKE_PEM,
                        client_cert: FAKE_PEM,
                        client_key: '',
                    }),
                    ': client_key is empty but client_auth_required is true',
                ],
            ];
            for (const [name, connection, problem] of failures) {
                test(`fails with one line when connection.json ${name}`, (t) => {
                    const dirs = makeBuilderDirs(t);
                    const path = join(dirs.source, 'connection.json');
                    const separator = problem.startsWith(':') ? '' : ' ';
                    assertFails(build(dirs, connection), `build: ${path}${separator}${problem}`);
                    assert.equal(existsSync(join(dirs.build, 'connection.json')), false);
                });
            }
        });

        describe('build templating', () => {
            const templated = JSON.stringify({
                address: '{{.peername}}-mycc:{{ .port }}',
                dial_timeout: '{{.timeout}}',
                tls_required: true,
                root_cert: '{{.root}}',
            });

            test(`renders {{.key}} placeholders from ${CONFIG_VAR}`, (t) => {
                const dirs = makeBuilderDirs(t);
                const config = JSON.stringify({ peername: 'org1peer0', port: 9999, timeout: '5s', root: FAKE_PEM });
                const result = build(dirs, templated, { [CONFIG_VAR]: config });
                assert.equal(result.status, 0, result.stderr);
                assert.deepEqual(JSON.parse(readFileSync(join(dirs.build, 'connection.json'), 'utf8')), {
                    address: 'org1peer0-mycc:9999',
                    dial_timeout: '5s',
                    tls_required: true,
                    root_cert: FAKE_PEM,
                });
            });

            test('leaves TLS fields alone when tls_required is false, as ccaas_builder does', (t) => {
                const dirs = makeBuilderDirs(t);
                const connection = '{"address":"{{.host}}:7052","root_cert":"{{.unknown}}"}';
                const result = build(dirs, connection, { [CONFIG_VAR]: '{"host":"peer0"}' });
                assert.equal(result.status, 0, result.stderr);
                assert.equal(
                    readFileSync(join(dirs.build, 'connection.json'), 'utf8'),
                    '{"address":"peer0:7052","root_cert":"{{.unknown}}"}',
                );
            });

            test('fails on a key missing from the configuration, like missingkey=error', (t) => {
                const dirs = makeBuilderDirs(t);
                const path = join(dirs.source, 'connection.json');
                const result = build(dirs, templated, { [CONFIG_VAR]: '{"peername":"org1peer0"}' });
                assertFails(result, `build: ${path}: address: template key "port" is not in ${CONFIG_VAR}`);
            });

            test('fails on a placeholder when the configuration is not set, and says why', (t) => {
                const dirs = makeBuilderDirs(t);
                const path = join(dirs.source, 'connection.json');
                assertFails(
                    build(dirs, templated),
                    `build: ${path}: address: template key "peername" is not in ${CONFIG_VAR} ` +
                        '(not set for the builder; see propagateEnvironment)',
                );
            });

            for (const config of ['["org1peer0"]', '"org1peer0"', '{"peername":', '']) {
                test(`fails when the configuration is ${JSON.stringify(config)}, not a JSON object`, (t) => {
                    const dirs = makeBuilderDirs(t);
                    assertFails(
                        build(dirs, PLAIN, { [CONFIG_VAR]: config }),
                        `build: ${CONFIG_VAR} is not a JSON object`,
                    );
                });
            }

            test('fails on a configuration value that is not a string', (t) => {
                const dirs = makeBuilderDirs(t);
                const result = build(dirs, '{"address":"{{.peer}}:1"}', { [CONFIG_VAR]: '{"peer":{"name":"p"}}' });
                assertFails(result, `build: ${CONFIG_VAR}: value of "peer" is not a string`);
            });

            test('fails on template actions other than {{.key}}', (t) => {
                const dirs = makeBuilderDirs(t);
                const path = join(dirs.source, 'connection.json');
                const result = build(dirs, '{"address":"{{if .a}}x{{end}}:1"}', { [CONFIG_VAR]: '{"a":"b"}' });
                assertFails(result, `build: ${path}: address has a template action other than {{.key}}`);
            });
        });

        describe('release', () => {
            test('puts connection.json and the CouchDB indexes where the peer reads them', (t) => {
                const dirs = makeBuilderDirs(t);
                const statedb = join(dirs.source, 'META-INF', 'statedb', 'couchdb');
                write(join(statedb, 'indexes', 'indexOwner.json'), INDEX);
                write(join(statedb, 'collections', 'private details', 'indexes', 'indexPrice.json'), INDEX);
                assert.equal(build(dirs, MUTUAL_TLS).status, 0);

                const result = runScript(shell, 'release', [dirs.build, dirs.release]);
                assert.equal(result.stderr, '');
                assert.equal(result.status, 0);
                assert.deepEqual(filesUnder(dirs.release), [
                    'chaincode/server/connection.json',
                    'statedb/couchdb/collections/private details/indexes/indexPrice.json',
                    'statedb/couchdb/indexes/indexOwner.json',
                ]);
                assert.equal(readFileSync(join(dirs.release, 'chaincode/server/connection.json'), 'utf8'), MUTUAL_TLS);
                assert.equal(
                    readFileSync(join(dirs.release, 'statedb/couchdb/indexes/indexOwner.json'), 'utf8'),
                    INDEX,
                );
            });

            test('releases only connection.json when the package has no META-INF', (t) => {
                const dirs = makeBuilderDirs(t);
                assert.equal(build(dirs, PLAIN).status, 0);
                const result = runScript(shell, 'release', [dirs.build, dirs.release]);
                assert.equal(result.status, 0, result.stderr);
                assert.deepEqual(filesUnder(dirs.release), ['chaincode/server/connection.json']);
            });

            test('fails when the build output has no connection.json', (t) => {
                const dirs = makeBuilderDirs(t);
                const result = runScript(shell, 'release', [dirs.build, dirs.release]);
                assertFails(result, `release: ${join(dirs.build, 'connection.json')} not found (did build run?)`);
            });
        });
    });
}
