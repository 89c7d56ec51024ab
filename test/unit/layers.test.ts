// SPDX-License-Identifier: Apache-2.0
//
// The layering of src/, read from the import statements: the protocol core (shim) and the
// wire layer import nothing above them, no module imports itself back through a cycle, and
// importing the public entry point registers nothing global.

import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SRC = path.join(ROOT, 'src');

/** Every module of src/ but the generated code, as a path relative to src/. */
function sourceFiles(dir = SRC): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            return full === path.join(SRC, 'wire', 'generated') ? [] : sourceFiles(full);
        }
        return entry.name.endsWith('.ts') ? [path.relative(SRC, full)] : [];
    });
}

/** The modules of src/ that `file` imports (static, side-effect and dynamic imports of relative paths). */
function importsOf(file: string): string[] {
    const text = readFileSync(path.join(SRC, file), 'utf8');
    const specifiers = [...text.matchAll(/(?:from|import)\s*\(?\s*'(\.{1,2}\/[^']+)'/g)].map((m) => m[1] ?? '');
    return specifiers.map((spec) => path.relative(SRC, path.resolve(path.dirname(path.join(SRC, file)), spec)));
}

const graph = new Map(sourceFiles().map((file) => [file, importsOf(file)]));

/** The top-level folder (or root file) a module belongs to. */
function layerOf(file: string): string {
    return file.includes(path.sep) ? (file.split(path.sep)[0] ?? file) : file;
}

/** Everything above the protocol core: what knows about config, metrics, the process or the user's code. */
const ABOVE_THE_SHIM = [
    'config',
    'tls',
    'metrics',
    'sidecar',
    'process',
    'main.ts',
    'tools',
    'contracts',
    'testing',
    'examples',
    'chaincode',
] as const;

const FORBIDDEN: Readonly<Record<string, readonly string[]>> = {
    // The protocol core knows the wire and nothing above it; the wire knows nothing at all.
    shim: ABOVE_THE_SHIM,
    wire: ['shim', ...ABOVE_THE_SHIM],
};

test('the graph was read: every layer has modules, and the shim imports the wire layer', () => {
    const layers = new Set([...graph.keys()].map(layerOf));
    for (const layer of ['shim', 'wire', 'config', 'metrics', 'sidecar', 'process', 'testing', 'tools', 'main.ts']) {
        assert.ok(layers.has(layer), `no module found in ${layer}`);
    }
    assert.ok(graph.get(path.join('shim', 'stream-handler.ts'))?.some((target) => layerOf(target) === 'wire'));
});

for (const [layer, forbidden] of Object.entries(FORBIDDEN)) {
    test(`src/${layer}/ imports nothing from ${forbidden.join(', ')}`, () => {
        const violations = [...graph]
            .filter(([file]) => layerOf(file) === layer)
            .flatMap(([file, targets]) =>
                targets.filter((target) => forbidden.includes(layerOf(target))).map((target) => `${file} → ${target}`),
            );
        assert.deepEqual(violations, []);
    });
}

test('no import cycles in src/', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'visiting' | 'done'>();
    const visit = (file: string, trail: string[]): void => {
        if (state.get(file) === 'done') {
            return;
        }
        if (state.get(file) === 'visiting') {
            cycles.push([...trail.slice(trail.indexOf(file)), file].join(' → '));
            return;
        }
        state.set(file, 'visiting');
        for (const target of graph.get(file) ?? []) {
            visit(target, [...trail, file]);
        }
        state.set(file, 'done');
    };
    for (const file of graph.keys()) {
        visit(file, []);
    }
    assert.deepEqual(cycles, []);
});

test('importing the public entry point registers no convict format, process listener or global', () => {
    // A fresh process, so nothing another test loaded is already registered.
    const probe = `
        import convict from 'convict';
        const knows = (format) => { try { convict({ x: { format, default: null } }); return true; } catch { return false; } };
        const listeners = () => Object.fromEntries(process.eventNames().map((e) => [String(e), process.listenerCount(e)]));
        const names = (o) => Object.getOwnPropertyNames(o).sort();
        const before = { formats: ['host-port', 'pem-file', 'chaincode-id'].map(knows), listeners: listeners(), globals: names(globalThis), reflect: names(Reflect) };
        const api = await import(${JSON.stringify(path.join(SRC, 'index.ts'))});
        const after = { formats: ['host-port', 'pem-file', 'chaincode-id'].map(knows), listeners: listeners(), globals: names(globalThis), reflect: names(Reflect) };
        console.log(JSON.stringify({ before, after, exports: Object.keys(api).length }));
    `;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], {
        cwd: ROOT,
        encoding: 'utf8',
    });
    const { before, after, exports } = JSON.parse(output) as { before: unknown; after: unknown; exports: number };
    assert.ok(exports > 5, 'the entry point was loaded');
    assert.deepEqual(after, before);
});

test('the probe sees a registration: loading the settings registers their formats', () => {
    const probe = `
        import convict from 'convict';
        const knows = () => { try { convict({ x: { format: 'host-port', default: null } }); return true; } catch { return false; } };
        const before = knows();
        await import(${JSON.stringify(path.join(SRC, 'config', 'load-config.ts'))});
        console.log(JSON.stringify([before, knows()]));
    `;
    const output = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', probe], {
        cwd: ROOT,
        encoding: 'utf8',
    });
    assert.deepEqual(JSON.parse(output), [false, true]);
});
