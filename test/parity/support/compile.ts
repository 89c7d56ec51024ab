// SPDX-License-Identifier: Apache-2.0
//
// Builds a TypeScript contracts fixture as its author would (tsc with the fixture's own
// tsconfig: CommonJS, decorator metadata) into a package directory both shims load.

import { copyFile } from 'node:fs/promises';
import path from 'node:path';
import { compileTypeScriptProject, type CompiledProject } from '../../helpers/compile-typescript.ts';

/** The package directory: compiled JavaScript, package.json, node_modules linked to ours. */
export type CompiledContracts = CompiledProject;

/** Compiles `fixtureDir` (failing on any diagnostic) and adds its package.json. */
export async function compileTsContracts(fixtureDir: string): Promise<CompiledContracts> {
    const build = await compileTypeScriptProject(fixtureDir);
    try {
        await copyFile(path.join(fixtureDir, 'package.json'), path.join(build.dir, 'package.json'));
        return build;
    } catch (err) {
        await build.remove();
        throw err;
    }
}
