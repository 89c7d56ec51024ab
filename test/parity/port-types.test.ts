// SPDX-License-Identifier: Apache-2.0
//
// The type-level port check: a chaincode and a contract typed against fabric-shim 2.5.8
// (test/parity/fixtures/port/) compile with `tsc --noEmit` in strict mode as they are, and
// again with nothing changed but the 'fabric-shim' import path, pointed at our entry point.

import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test, type TestContext } from 'node:test';
import { promisify } from 'node:util';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const FIXTURE = path.join(import.meta.dirname, 'fixtures', 'port');
const TSC = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const ENTRY_POINT = path.join(ROOT, 'src', 'index.ts');

/** Copies the fixture to a new directory, `rewrite` applied to each file, and runs tsc --noEmit on it. */
async function compile(t: TestContext, rewrite: (source: string) => string): Promise<{ code: number; output: string }> {
    const dir = await mkdtemp(path.join(tmpdir(), 'parity-port-'));
    t.after(() => rm(dir, { recursive: true, force: true }));
    const files = (await readdir(FIXTURE)).filter((name) => name.endsWith('.ts'));
    for (const name of files) {
        await writeFile(path.join(dir, name), rewrite(await readFile(path.join(FIXTURE, name), 'utf8')));
    }
    await writeFile(path.join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
    await writeFile(path.join(dir, 'tsconfig.json'), await readFile(path.join(FIXTURE, 'tsconfig.json')));
    await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    try {
        const { stdout } = await promisify(execFile)(process.execPath, [TSC, '--noEmit', '-p', dir]);
        return { code: 0, output: stdout };
    } catch (err) {
        const failed = err as { code?: number; stdout?: string };
        return { code: failed.code ?? 1, output: failed.stdout ?? String(err) };
    }
}

test('the port fixture is a valid fabric-shim program (strict tsc --noEmit against fabric-shim 2.5.8)', async (t) => {
    const { code, output } = await compile(t, (source) => source);
    assert.equal(code, 0, output);
});

test('with only the import path changed it compiles against our types', async (t) => {
    let replaced = 0;
    const { code, output } = await compile(t, (source) =>
        source.replaceAll("from 'fabric-shim'", () => {
            replaced++;
            return `from '${ENTRY_POINT}'`;
        }),
    );
    assert.equal(replaced, 2, 'both fixture files import fabric-shim');
    assert.equal(code, 0, output);
});
