// SPDX-License-Identifier: Apache-2.0
//
// Builds test/fixtures/contracts as its author would (tsc with its own tsconfig: CommonJS,
// decorator metadata) into a temporary directory, and loads it as the chaincode.module loader does.

import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { compileTypeScriptProject } from '../helpers/compile-typescript.ts';

const FIXTURE = path.resolve(import.meta.dirname, '..', 'fixtures', 'contracts');

/** The compiled fixture: its module namespace and a function that deletes the build. */
export interface CompiledFixture {
    readonly exports: unknown;
    readonly remove: () => Promise<void>;
}

/** Compiles the fixture with tsc (failing on any diagnostic) and imports its index.js. */
export async function compileFixture(): Promise<CompiledFixture> {
    const build = await compileTypeScriptProject(FIXTURE);
    try {
        const exports: unknown = await import(pathToFileURL(path.join(build.dir, 'index.js')).href);
        return { exports, remove: build.remove };
    } catch (err) {
        await build.remove();
        throw err;
    }
}
