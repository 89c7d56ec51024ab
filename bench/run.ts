// SPDX-License-Identifier: Apache-2.0
//
// Entry point of `npm run bench`: makes the repository's protos/ visible beside the compiled
// src/ (src/wire/protos.ts looks for ../../protos), then runs the benchmark.

import { existsSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const protos = path.join(root, 'protos');
if (!existsSync(protos)) {
    const source = path.resolve('protos');
    if (!existsSync(source)) {
        throw new Error(`no protos/ in ${process.cwd()}: run the benchmark from the repository root (npm run bench)`);
    }
    symlinkSync(source, protos, 'dir');
}

const { main } = await import('./bench.ts');
process.exitCode = await main(process.argv.slice(2));
