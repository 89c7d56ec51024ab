// SPDX-License-Identifier: Apache-2.0
//
// Builds test/fixtures/contracts as its author would (tsc with its own tsconfig: CommonJS,
// decorator metadata) into a temporary directory, and loads it as the chaincode.module loader does.

import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const FIXTURE = path.join(ROOT, 'test/fixtures/contracts');

/** The compiled fixture: its module namespace and a function that deletes the build. */
export interface CompiledFixture {
    readonly exports: unknown;
    readonly remove: () => Promise<void>;
}

/** Compiles the fixture with tsc (failing on any diagnostic) and imports its index.js. */
export async function compileFixture(): Promise<CompiledFixture> {
    const outDir = await mkdtemp(path.join(tmpdir(), 'contracts-fixture-'));
    const remove = (): Promise<void> => rm(outDir, { recursive: true, force: true });
    try {
        const configFile = ts.readConfigFile(path.join(FIXTURE, 'tsconfig.json'), (file) => ts.sys.readFile(file));
        const config = ts.parseJsonConfigFileContent(configFile.config, ts.sys, FIXTURE, { outDir });
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
        // The build resolves fabric-contract-api from the repository, so it shares our copy (and reflect-metadata).
        await symlink(path.join(ROOT, 'node_modules'), path.join(outDir, 'node_modules'), 'dir');
        const exports: unknown = await import(pathToFileURL(path.join(outDir, 'index.js')).href);
        return { exports, remove };
    } catch (err) {
        await remove();
        throw err;
    }
}
