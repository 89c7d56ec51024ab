// SPDX-License-Identifier: Apache-2.0
//
// Builds a TypeScript project as its author would (tsc with the project's own tsconfig) into a
// temporary directory whose node_modules is ours, so the build shares our fabric-contract-api.

import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ts from 'typescript';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface CompiledProject {
    /** The compiled JavaScript, with node_modules linked to the repository's. */
    readonly dir: string;
    readonly remove: () => Promise<void>;
}

/** Compiles `projectDir` (failing with tsc's diagnostics on any), into a fresh directory. */
export async function compileTypeScriptProject(projectDir: string): Promise<CompiledProject> {
    const dir = await mkdtemp(path.join(tmpdir(), `${path.basename(projectDir)}-build-`));
    const remove = (): Promise<void> => rm(dir, { recursive: true, force: true });
    try {
        const configFile = ts.readConfigFile(path.join(projectDir, 'tsconfig.json'), (f) => ts.sys.readFile(f));
        const config = ts.parseJsonConfigFileContent(configFile.config, ts.sys, projectDir, { outDir: dir });
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
        await symlink(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
        return { dir, remove };
    } catch (err) {
        await remove();
        throw err;
    }
}
