#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
//
// Entry point of `npm run package` / the ccaas-package bin: writes a reproducible chaincode-as-a-service
// package and prints its package ID. Usage: package.ts --label L --address HOST:PORT [options]; see --help.

import { runPackageCli } from './package-cli.ts';

process.exitCode = await runPackageCli(process.argv.slice(2), {
    stdout: (line) => process.stdout.write(`${line}\n`),
    stderr: (line) => process.stderr.write(`${line}\n`),
    cwd: process.cwd(),
});
