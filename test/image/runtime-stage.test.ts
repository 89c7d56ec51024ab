// SPDX-License-Identifier: Apache-2.0
//
// The image without a Docker engine: checks the Dockerfile's settings, then rebuilds its runtime stage in a
// temp dir from its own COPY and RUN lines and runs a transaction against the server started from there.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test } from 'node:test';
import { FakePeer, TEST_PACKAGE_ID } from '../../src/testing/index.ts';
import { startChildServer } from '../helpers/child-server.ts';
import { baseImage, instructionsOf, parseCopy, readDockerfile, workdirOf, type Stage } from './dockerfile.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const DOCKERFILE = readDockerfile(path.join(ROOT, 'Dockerfile'));

function stage(name: string): Stage {
    const found = DOCKERFILE.stages.find((s) => s.name === name);
    assert.ok(found, `the Dockerfile has no stage named ${name}`);
    return found;
}

/** The `npm ci ...` commands of a stage's RUN lines, as argument lists. */
function npmCiCommands(s: Stage): string[][] {
    return instructionsOf(s, 'RUN')
        .flatMap((run) => run.split('&&'))
        .map((command) => command.trim().split(/\s+/))
        .filter((words) => words[0] === 'npm' && words[1] === 'ci');
}

/** Path in the repository of a COPY source: the build context, or the build stage's workdir mapped onto it. */
function repositoryPath(source: string, from: string | undefined): string {
    if (from === undefined) {
        return path.join(ROOT, source);
    }
    const relative = path.posix.relative(workdirOf(stage(from)), source);
    assert.ok(!relative.startsWith('..'), `COPY --from=${from} ${source} is outside that stage's workdir`);
    return path.join(ROOT, relative);
}

describe('Dockerfile', () => {
    const runtime = DOCKERFILE.stages.at(-1);

    test('builds in a build stage and ends with the runtime stage', () => {
        assert.deepEqual(
            DOCKERFILE.stages.map((s) => s.name),
            ['build', 'runtime'],
        );
        assert.deepEqual(npmCiCommands(stage('build')).length, 1);
        assert.ok(instructionsOf(stage('build'), 'RUN').includes('npm run build'));
    });

    test('pins a Node LTS base image by full version, satisfying engines.node', () => {
        const { engines } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
            engines: { node: string };
        };
        const minimum = /^>=(\d+)\.(\d+)$/.exec(engines.node);
        assert.ok(minimum, `engines.node ${engines.node} is not >=major.minor`);
        for (const s of DOCKERFILE.stages) {
            const image = baseImage(DOCKERFILE, s);
            const version = /^node:(\d+)\.(\d+)\.(\d+)-[a-z]+-slim$/.exec(image);
            assert.ok(version, `stage ${s.name}: ${image} is not node:<major.minor.patch>-<debian>-slim`);
            const [major, minor] = [Number(version[1]), Number(version[2])];
            assert.equal(major % 2, 0, `${image}: odd Node majors never become LTS`);
            assert.ok(
                major > Number(minimum[1]) || (major === Number(minimum[1]) && minor >= Number(minimum[2])),
                `${image} is older than engines.node ${engines.node}`,
            );
        }
    });

    test('runs as a numeric non-root user, exposes 9999 and 9000, and starts node dist/main.js', () => {
        assert.ok(runtime);
        const user = instructionsOf(runtime, 'USER').at(-1) ?? '';
        assert.match(user, /^[1-9]\d*(:\d+)?$/, 'USER must be numeric for runAsNonRoot');
        assert.deepEqual(instructionsOf(runtime, 'EXPOSE').join(' ').split(/\s+/).sort(), ['9000', '9999']);
        assert.deepEqual(JSON.parse(instructionsOf(runtime, 'CMD').at(-1) ?? 'null'), ['node', 'dist/main.js']);
        assert.deepEqual(instructionsOf(runtime, 'ENTRYPOINT'), []);
    });

    test('installs production dependencies only in the runtime stage', () => {
        assert.ok(runtime);
        const commands = npmCiCommands(runtime);
        assert.equal(commands.length, 1);
        assert.ok(commands[0]?.includes('--omit=dev'));
    });

    test('copies into the runtime stage only package files, dist/ and protos/', () => {
        assert.ok(runtime);
        const copied = instructionsOf(runtime, 'COPY')
            .flatMap((args) => parseCopy(args).sources)
            .map((source) => path.posix.basename(source));
        assert.deepEqual(copied.sort(), ['dist', 'package-lock.json', 'package.json', 'protos']);
    });

    test('.dockerignore lets in every path the Dockerfile copies from the context, and nothing else', () => {
        const lines = readFileSync(path.join(ROOT, '.dockerignore'), 'utf8')
            .split('\n')
            .filter((line) => line !== '' && !line.startsWith('#'));
        assert.equal(lines[0], '*', '.dockerignore must start by excluding everything');
        const allowed = lines.slice(1).map((line) => {
            assert.ok(line.startsWith('!'), `${line}: after "*" only !allow lines`);
            return line.slice(1).replace(/\/$/, '');
        });
        const fromContext = DOCKERFILE.stages
            .flatMap((s) => instructionsOf(s, 'COPY').map(parseCopy))
            .filter((copy) => copy.from === undefined)
            .flatMap((copy) => copy.sources.map((source) => source.replace(/\/$/, '')));
        assert.deepEqual([...new Set(fromContext)].sort(), [...allowed].sort());
    });
});

describe('the runtime stage, reproduced without Docker', () => {
    test(
        'holds everything the server needs: it starts from prod dependencies and runs a transaction',
        { timeout: 300_000 },
        async (t) => {
            assert.ok(existsSync(path.join(ROOT, 'dist', 'main.js')), 'dist/main.js is missing: run npm run build');
            const runtime = stage('runtime');
            const app = mkdtempSync(path.join(tmpdir(), 'ccaas-runtime-'));
            t.after(() => {
                rmSync(app, { recursive: true, force: true });
            });

            for (const args of instructionsOf(runtime, 'COPY')) {
                const copy = parseCopy(args);
                const destination = path.join(app, copy.destination);
                for (const source of copy.sources) {
                    const from = repositoryPath(source, copy.from);
                    if (statSync(from).isDirectory()) {
                        cpSync(from, destination, { recursive: true });
                    } else {
                        mkdirSync(destination, { recursive: true });
                        cpSync(from, path.join(destination, path.basename(from)));
                    }
                }
            }
            for (const [, ...args] of npmCiCommands(runtime)) {
                // --prefer-offline: served from the npm cache when it holds the locked versions.
                const npm = spawnSync('npm', [...args, '--prefer-offline'], {
                    cwd: app,
                    encoding: 'utf8',
                    timeout: 240_000,
                });
                assert.equal(npm.status, 0, `npm ${args.join(' ')} failed:\n${npm.stderr}`);
            }

            const lock = JSON.parse(readFileSync(path.join(app, 'package-lock.json'), 'utf8')) as {
                packages: Record<string, { dev?: boolean }>;
            };
            const devOnly = Object.entries(lock.packages).filter(([name, entry]) => name !== '' && entry.dev === true);
            assert.ok(devOnly.length > 0);
            for (const [name] of devOnly) {
                assert.equal(existsSync(path.join(app, name)), false, `${name} is a dev dependency but was installed`);
            }

            const server = await startChildServer(
                t,
                { CHAINCODE_ID: TEST_PACKAGE_ID },
                path.join(app, 'dist', 'main.js'),
            );
            const peer = new FakePeer({ chaincodeId: TEST_PACKAGE_ID });
            t.after(() => {
                peer.close();
            });
            await peer.connect(server.grpcAddress);
            assert.equal(peer.registeredId, TEST_PACKAGE_ID);
            const result = await peer.invoke(['CreateAsset', 'asset1', 'blue', '5', 'Tom', '100']);
            assert.equal(result.status, 200, result.message);

            server.child.kill('SIGTERM');
            assert.equal(await server.exited, 0);
        },
    );
});
