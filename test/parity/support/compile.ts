// SPDX-License-Identifier: Apache-2.0
//
// Builds a TypeScript contracts fixture as its author would (tsc with the fixture's own
// tsconfig: CommonJS, decorator metadata) into a temporary directory both shims load.

import { copyFile, mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '..', '..', '..');

export interface CompiledContracts {
    /** The package directory: compiled JavaScript, package.json, node_modules linked to ours. */
    readonly dir: string;
    readonly remove: () => Promise<void>;
}

/** Compiles `fixtureDir` (failing on any diagnostic). */
export async function compileTsContracts(fixtureDir: string): Promise<CompiledContracts> {
    const dir = await mkdtemp(path.join(tmpdir(), 'parity-contracts-'));
    const remove = (): Promise<void> => rm(dir, { recursive: true, force: true });
    try {
        const configFile = ts.readConfigFile(path.join(fixtureDir, 'tsconfig.json'), (f) => ts.sys.readFile(f));
        const config = ts.parseJsonConfigFileContent(configFile.config, ts.sys, fixtureDir, { outDir: dir });
        const program = ts.createProgram(config.fileNames, config.options);
        const emitted = program.emit();
        const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
        if (diagnostics.length > 0) {
            const host = {
                getCanonicalFileName: (f: string) => f,
                getCurrentDirectory: () => ROOT,
                getNewLine: () => '\n',
            };
            throw new Error(ts.formatDiagnostics(diagnostics, host));
        }
        await copyFile(path.join(fixtureDir, 'package.json'), path.join(dir, 'package.json'));
        // Both shims then load fabric-contract-api (and reflect-metadata) from this repository.
        await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
        return { dir, remove };
    } catch (err) {
        await remove();
        throw err;
    }
}
