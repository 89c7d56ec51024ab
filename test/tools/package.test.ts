// SPDX-License-Identifier: Apache-2.0
//
// The ccaas-package CLI: reproducible bytes, the printed package ID, the archive layout the peer expects,
// a round trip through builders/bin, and one-line errors for bad input.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import type { SpawnSyncReturns } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { before, describe, test } from 'node:test';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';
import { extract } from 'tar';
import { renderConnectionJson } from '../../src/tools/connection-json.ts';
import { runPackageCli } from '../../src/tools/package-cli.ts';
import { DASH, makeBuilderDirs, makeTempDir, runScript } from '../helpers/builder-scripts.ts';
import { createTlsFixture } from '../helpers/certs.ts';
import type { TlsFixture } from '../helpers/certs.ts';
import { readTarEntries } from '../helpers/tar-entries.ts';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const INDEX = '{"index":{"fields":["owner"]},"ddoc":"indexOwnerDoc","name":"indexOwner","type":"json"}';

interface CliRun {
    readonly code: number;
    readonly stdout: readonly string[];
    readonly stderr: readonly string[];
}

async function runCli(cwd: string, args: readonly string[]): Promise<CliRun> {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const code = await runPackageCli(args, {
        stdout: (line) => stdout.push(line),
        stderr: (line) => stderr.push(line),
        cwd,
    });
    return { code, stdout, stderr };
}

interface Workspace {
    readonly dir: string;
    readonly files: Readonly<Record<'ca' | 'server' | 'serverKey' | 'client' | 'clientKey' | 'metaInf', string>>;
}

// PEM files from the fixture and a META-INF directory, in a temporary directory with a space in its path.
function makeWorkspace(t: TestContext, tls: TlsFixture): Workspace {
    const dir = makeTempDir(t, 'ccaas package ');
    const files = {
        ca: join(dir, 'ca.pem'),
        server: join(dir, 'server.pem'),
        serverKey: join(dir, 'server-key.pem'),
        client: join(dir, 'client.pem'),
        clientKey: join(dir, 'client-key.pem'),
        metaInf: join(dir, 'META-INF'),
    };
    writeFileSync(files.ca, tls.ca.cert);
    writeFileSync(files.server, tls.server.cert);
    writeFileSync(files.serverKey, tls.server.key);
    writeFileSync(files.client, tls.client.cert);
    writeFileSync(files.clientKey, tls.client.key);
    mkdirSync(join(files.metaInf, 'statedb', 'couchdb', 'indexes'), { recursive: true });
    writeFileSync(join(files.metaInf, 'statedb', 'couchdb', 'indexes', 'indexOwner.json'), INDEX);
    return { dir, files };
}

function fullArgs(ws: Workspace, out: string): string[] {
    return [
        '--label',
        'mycc_1.0',
        '--address',
        'localhost:9999',
        '--tls-root-cert',
        ws.files.ca,
        '--client-cert',
        ws.files.client,
        '--client-key',
        ws.files.clientKey,
        '--meta-inf',
        ws.files.metaInf,
        '--out',
        out,
    ];
}

// The tool stores PEMs with LF line endings and exactly one final newline.
function asPacked(pem: string): string {
    return `${pem.trimEnd()}\n`;
}

function sha256(bytes: Buffer): string {
    return createHash('sha256').update(bytes).digest('hex');
}

describe('ccaas-package', () => {
    let tls: TlsFixture;
    before(async () => {
        tls = await createTlsFixture();
    });

    test('writes identical bytes for identical inputs', async (t) => {
        const ws = makeWorkspace(t, tls);
        const first = await runCli(ws.dir, fullArgs(ws, 'first.tar.gz'));
        const second = await runCli(ws.dir, fullArgs(ws, 'second.tar.gz'));
        assert.equal(first.code, 0, first.stderr.join('\n'));
        assert.equal(second.code, 0);
        assert.deepEqual(readFileSync(join(ws.dir, 'first.tar.gz')), readFileSync(join(ws.dir, 'second.tar.gz')));
        assert.deepEqual(first.stdout, second.stdout);
    });

    test('gives the same package for PEM files with CRLF line endings', async (t) => {
        const ws = makeWorkspace(t, tls);
        for (const file of [ws.files.ca, ws.files.client, ws.files.clientKey]) {
            writeFileSync(file, readFileSync(file, 'utf8').replace(/\n/g, '\r\n'));
        }
        const crlf = await runCli(ws.dir, fullArgs(ws, 'crlf.tar.gz'));
        const lf = await runCli(makeWorkspace(t, tls).dir, fullArgs(makeWorkspace(t, tls), 'lf.tar.gz'));
        assert.equal(crlf.code, 0, crlf.stderr.join('\n'));
        assert.equal(lf.code, 0);
        assert.equal(crlf.stdout.at(-1), lf.stdout.at(-1));
    });

    test('prints the package ID, label:sha256 of the file, as the last line of stdout', async (t) => {
        const ws = makeWorkspace(t, tls);
        const run = await runCli(ws.dir, fullArgs(ws, 'pkg.tar.gz'));
        assert.equal(run.code, 0);
        assert.deepEqual(run.stdout, [`mycc_1.0:${sha256(readFileSync(join(ws.dir, 'pkg.tar.gz')))}`]);
    });

    test('gives a pinned package ID for fixed inputs, whatever the Node, zlib or OS', async (t) => {
        const dir = makeTempDir(t, 'ccaas package ');
        const run = await runCli(dir, ['--label', 'mycc_1.0', '--address', 'cc.example:9999']);
        assert.deepEqual(run.stdout, ['mycc_1.0:5209fac9a72f5cd78b57f83a866680bcedcf75f9ab04c961dbdcc81c1e3a7fa7']);
    });

    test('writes LABEL.tar.gz in the working directory with a 10s dial timeout by default', async (t) => {
        const dir = makeTempDir(t, 'ccaas package ');
        const run = await runCli(dir, ['--label', 'mycc_1.0', '--address', 'cc.example:9999']);
        assert.equal(run.code, 0);
        assert.deepEqual(readdirSync(dir), ['mycc_1.0.tar.gz']);
        const [code] = await readTarEntries(readFileSync(join(dir, 'mycc_1.0.tar.gz')));
        const [connection] = await readTarEntries(code!.content);
        assert.equal(
            connection!.content.toString(),
            renderConnectionJson({ address: 'cc.example:9999', dialTimeout: '10s' }),
        );
    });

    test('packs exactly metadata.json and code.tar.gz as the peer expects', async (t) => {
        const ws = makeWorkspace(t, tls);
        assert.equal((await runCli(ws.dir, fullArgs(ws, 'pkg.tar.gz'))).code, 0);
        const bytes = readFileSync(join(ws.dir, 'pkg.tar.gz'));

        const entries = await readTarEntries(bytes);
        assert.deepEqual(
            entries.map((entry) => entry.path),
            ['code.tar.gz', 'metadata.json'],
        );
        assert.equal(entries[1]!.content.toString(), '{\n  "label": "mycc_1.0",\n  "type": "ccaas"\n}');
        const inner = await readTarEntries(entries[0]!.content);
        assert.deepEqual(
            inner.map((entry) => entry.path),
            ['META-INF/statedb/couchdb/indexes/indexOwner.json', 'connection.json'],
        );
        for (const entry of [...entries, ...inner]) {
            assert.deepEqual(
                { type: entry.type, mode: entry.mode, uid: entry.uid, gid: entry.gid, mtime: entry.mtime },
                { type: 'File', mode: 0o644, uid: 0, gid: 0, mtime: 0 },
                entry.path,
            );
            assert.equal(entry.uname ?? '', '');
            assert.equal(entry.gname ?? '', '');
        }
        // gzip: deflate, no flags, mtime 0, XFL 0, OS 255 (unknown), on both layers
        const header = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
        assert.deepEqual(bytes.subarray(0, 10), header);
        assert.deepEqual(entries[0]!.content.subarray(0, 10), header);
    });

    test('writes archives the system tar lists as root-owned 0644 files from 1970', async (t) => {
        const ws = makeWorkspace(t, tls);
        assert.equal((await runCli(ws.dir, fullArgs(ws, 'pkg.tar.gz'))).code, 0);
        const list = spawnSync('tar', ['--numeric-owner', '-tzvf', join(ws.dir, 'pkg.tar.gz')], {
            env: { PATH: '/usr/bin:/bin', TZ: 'UTC' },
            encoding: 'utf8',
        });
        assert.equal(list.status, 0, list.stderr);
        const lines = list.stdout.trimEnd().split('\n');
        assert.equal(lines.length, 2);
        assert.match(lines[0]!, /^-rw-r--r-- 0\/0 +\d+ 1970-01-01 00:00 code\.tar\.gz$/);
        assert.match(lines[1]!, /^-rw-r--r-- 0\/0 +\d+ 1970-01-01 00:00 metadata\.json$/);
    });

    test('makes a package that goes through detect, build and release as the peer runs them', async (t) => {
        const ws = makeWorkspace(t, tls);
        assert.equal((await runCli(ws.dir, fullArgs(ws, 'pkg.tar.gz'))).code, 0);
        const dirs = makeBuilderDirs(t);
        const [code, metadata] = await readTarEntries(readFileSync(join(ws.dir, 'pkg.tar.gz')));
        writeFileSync(join(dirs.metadata, 'metadata.json'), metadata!.content);
        writeFileSync(join(ws.dir, 'code.tar.gz'), code!.content);
        await extract({ file: join(ws.dir, 'code.tar.gz'), cwd: dirs.source });

        for (const [script, args] of [
            ['detect', [dirs.source, dirs.metadata]],
            ['build', [dirs.source, dirs.metadata, dirs.build]],
            ['release', [dirs.build, dirs.release]],
        ] as const) {
            const result = runScript(DASH, script, args);
            assert.equal(result.status, 0, `${script}: ${result.stderr}`);
        }
        assert.equal(
            readFileSync(join(dirs.release, 'chaincode', 'server', 'connection.json'), 'utf8'),
            renderConnectionJson({
                address: 'localhost:9999',
                dialTimeout: '10s',
                rootCert: asPacked(tls.ca.cert),
                clientCert: asPacked(tls.client.cert),
                clientKey: asPacked(tls.client.key),
            }),
        );
        assert.equal(
            readFileSync(join(dirs.release, 'statedb', 'couchdb', 'indexes', 'indexOwner.json'), 'utf8'),
            INDEX,
        );
    });

    test('prints the usage with --help', async (t) => {
        const run = await runCli(makeTempDir(t, 'ccaas package '), ['--help']);
        assert.equal(run.code, 0);
        assert.match(run.stdout.join('\n'), /^Usage: ccaas-package --label LABEL --address HOST:PORT/);
    });

    describe('lint', () => {
        async function warnings(t: TestContext, extra: (ws: Workspace) => string[]): Promise<string[]> {
            const ws = makeWorkspace(t, tls);
            const run = await runCli(ws.dir, ['--label', 'cc', ...extra(ws)]);
            assert.equal(run.code, 0, run.stderr.join('\n'));
            return run.stderr.filter((line) => line.includes('warning:'));
        }

        test('warns when the server certificate given as root does not cover the address host', async (t) => {
            const lines = await warnings(t, (ws) => [
                '--address',
                'cc.example:9999',
                '--tls-root-cert',
                ws.files.server,
            ]);
            assert.deepEqual(lines, [
                'ccaas-package: warning: --tls-root-cert is a server certificate whose SANs do not include ' +
                    '"cc.example"; the peer will reject the TLS handshake',
            ]);
        });

        for (const address of ['localhost:9999', '127.0.0.1:9999']) {
            test(`accepts a server certificate given as root that covers ${address}`, async (t) => {
                const lines = await warnings(t, (ws) => ['--address', address, '--tls-root-cert', ws.files.server]);
                assert.deepEqual(lines, []);
            });
        }

        test('does not check SANs when the root is a CA', async (t) => {
            const lines = await warnings(t, (ws) => ['--address', 'cc.example:9999', '--tls-root-cert', ws.files.ca]);
            assert.deepEqual(lines, []);
        });

        test('warns that the client key travels in clear inside the package', async (t) => {
            const ws = makeWorkspace(t, tls);
            const run = await runCli(ws.dir, fullArgs(ws, 'pkg.tar.gz'));
            assert.deepEqual(
                run.stderr.filter((line) => line.includes('warning:')),
                [
                    'ccaas-package: warning: --client-key is stored in clear inside the package: treat the package file as a secret',
                ],
            );
        });

        test('warns that --domain is ignored by 2.x peers and needs client auth', async (t) => {
            const ws = makeWorkspace(t, tls);
            const run = await runCli(ws.dir, [...fullArgs(ws, 'pkg.tar.gz'), '--domain', 'localhost']);
            assert.equal(run.code, 0);
            assert.match(run.stderr.join('\n'), /warning: --domain is read only by Fabric >= 3\.0 peers/);
            const noAuth = await runCli(ws.dir, ['--label', 'cc', '--address', 'x:1', '--domain', 'localhost']);
            assert.match(noAuth.stderr.join('\n'), /warning: --domain has no effect/);
        });
    });

    describe('errors', () => {
        const cases: readonly (readonly [string, (ws: Workspace) => string[], string])[] = [
            ['a bad label', () => ['--label', 'my cc', '--address', 'x:1'], 'invalid label "my cc": it must start'],
            ['a label starting with a symbol', () => ['--label', '_cc', '--address', 'x:1'], 'invalid label "_cc"'],
            ['no label', () => ['--address', 'x:1'], '--label is required (see --help)'],
            ['no address', () => ['--label', 'cc'], '--address is required (see --help)'],
            [
                'an address without a port',
                () => ['--label', 'cc', '--address', 'cc.example'],
                '--address "cc.example" is not HOST:PORT',
            ],
            ['an address with port 0', () => ['--label', 'cc', '--address', 'x:0'], '--address "x:0" is not HOST:PORT'],
            [
                'a dial timeout that is no duration',
                () => ['--label', 'cc', '--address', 'x:1', '--dial-timeout', '10'],
                '--dial-timeout "10" is not a duration',
            ],
            ['an unknown flag', () => ['--label', 'cc', '--address', 'x:1', '--tls'], "Unknown option '--tls'"],
            [
                'an unreadable root cert',
                (ws) => ['--label', 'cc', '--address', 'x:1', '--tls-root-cert', join(ws.dir, 'missing.pem')],
                'cannot read --tls-root-cert file',
            ],
            [
                'a root cert that is no PEM',
                (ws) => [
                    '--label',
                    'cc',
                    '--address',
                    'x:1',
                    '--tls-root-cert',
                    join(ws.files.metaInf, 'statedb/couchdb/indexes/indexOwner.json'),
                ],
                'is not PEM (no -----BEGIN line)',
            ],
            [
                'a root cert file holding a key',
                (ws) => ['--label', 'cc', '--address', 'x:1', '--tls-root-cert', ws.files.clientKey],
                '--tls-root-cert holds no PEM certificate',
            ],
            [
                'a client key that does not match the client cert',
                (ws) => [
                    ...['--label', 'cc', '--address', 'x:1', '--tls-root-cert', ws.files.ca],
                    ...['--client-cert', ws.files.client, '--client-key', ws.files.serverKey],
                ],
                '--client-key does not match --client-cert',
            ],
            [
                'a client key that does not parse',
                (ws) => [
                    ...['--label', 'cc', '--address', 'x:1', '--tls-root-cert', ws.files.ca],
                    ...['--client-cert', ws.files.client, '--client-key', ws.files.client],
                ],
                '--client-key holds no unencrypted private key that parses',
            ],
            [
                'a client cert without its key',
                (ws) => [
                    '--label',
                    'cc',
                    '--address',
                    'x:1',
                    '--tls-root-cert',
                    ws.files.ca,
                    '--client-cert',
                    ws.files.client,
                ],
                '--client-cert and --client-key must be given together',
            ],
            [
                'client auth without TLS',
                (ws) => [
                    '--label',
                    'cc',
                    '--address',
                    'x:1',
                    '--client-cert',
                    ws.files.client,
                    '--client-key',
                    ws.files.clientKey,
                ],
                '--client-cert and --client-key need --tls-root-cert',
            ],
            [
                'a META-INF file that is not JSON',
                (ws) => {
                    writeFileSync(join(ws.files.metaInf, 'statedb/couchdb/indexes/broken.json'), '{');
                    return ['--label', 'cc', '--address', 'x:1', '--meta-inf', ws.files.metaInf];
                },
                '--meta-inf: META-INF/statedb/couchdb/indexes/broken.json is not valid JSON',
            ],
        ];
        for (const [name, args, message] of cases) {
            test(`exits 1 with one error line for ${name}`, async (t) => {
                const ws = makeWorkspace(t, tls);
                const run = await runCli(ws.dir, [...args(ws), '--out', 'pkg.tar.gz']);
                assert.equal(run.code, 1);
                assert.deepEqual(run.stdout, []);
                assert.equal(run.stderr.length, 1, run.stderr.join('\n'));
                assert.ok(run.stderr[0]!.startsWith('ccaas-package: error: '), run.stderr[0]);
                assert.ok(run.stderr[0]!.includes(message), run.stderr[0]);
                assert.equal(existsSync(join(ws.dir, 'pkg.tar.gz')), false);
            });
        }
    });

    describe('as a process', () => {
        function spawnTool(cwd: string, args: readonly string[]): SpawnSyncReturns<string> {
            return spawnSync(
                process.execPath,
                ['--import', import.meta.resolve('tsx'), join(REPO, 'src/tools/package.ts'), ...args],
                {
                    cwd,
                    encoding: 'utf8',
                },
            );
        }

        test('exits 0 and ends stdout with the package ID', (t) => {
            const dir = makeTempDir(t, 'ccaas package ');
            const result = spawnTool(dir, ['--label', 'mycc_1.0', '--address', 'cc.example:9999']);
            assert.equal(result.status, 0, result.stderr);
            const id = result.stdout.trimEnd().split('\n').at(-1);
            assert.equal(id, `mycc_1.0:${sha256(readFileSync(join(dir, 'mycc_1.0.tar.gz')))}`);
        });

        test('exits 1 with one line on stderr for a bad label', (t) => {
            const dir = makeTempDir(t, 'ccaas package ');
            const result = spawnTool(dir, ['--label', 'my:cc', '--address', 'cc.example:9999']);
            assert.equal(result.status, 1);
            assert.equal(result.stdout, '');
            assert.match(result.stderr, /^ccaas-package: error: invalid label "my:cc": [^\n]+\n$/);
        });
    });
});
