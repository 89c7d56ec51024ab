// SPDX-License-Identifier: Apache-2.0
//
// Runs builders/bin/* under a chosen POSIX shell with a peer-like pruned environment, on scratch directories
// (with spaces in their paths) laid out as the peer lays them out for detect, build and release.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import { fileURLToPath } from 'node:url';

export const BUILDERS_BIN = fileURLToPath(new URL('../../builders/bin/', import.meta.url));

export type BuilderScript = 'detect' | 'build' | 'release';

/** A shell to run the scripts with, and the PATH the scripts see. */
export interface Shell {
    readonly name: string;
    readonly argv: readonly [string, ...string[]];
    readonly path: string;
}

export interface ScriptResult {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/** dash with the system tools, as on the Ubuntu-based peer images (Fabric >= 2.5). */
export const DASH: Shell = { name: 'dash', argv: ['/usr/bin/dash'], path: '/usr/bin:/bin' };

/**
 * busybox sh with a PATH holding only busybox applets (awk, sed, cp, ...), as on the Alpine-based peer
 * images (Fabric <= 2.4). The applet links go in dir, which the caller creates and removes.
 */
export function busyboxShell(dir: string): Shell {
    const busybox = '/usr/bin/busybox';
    const applets = spawnSync(busybox, ['--list'], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean);
    for (const applet of applets) {
        symlinkSync(busybox, join(dir, applet));
    }
    return { name: 'busybox sh', argv: [busybox, 'sh'], path: dir };
}

/** Runs one script; the environment holds PATH and env only, as the peer prunes it. */
export function runScript(
    shell: Shell,
    script: BuilderScript,
    args: readonly string[],
    env: Readonly<Record<string, string>> = {},
): ScriptResult {
    const [command, ...shellArgs] = shell.argv;
    const result = spawnSync(command, [...shellArgs, join(BUILDERS_BIN, script), ...args], {
        env: { PATH: shell.path, ...env },
        encoding: 'utf8',
    });
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The directories the peer hands to the builder scripts. */
export interface BuilderDirs {
    readonly source: string;
    readonly metadata: string;
    readonly build: string;
    readonly release: string;
}

/** Makes a temporary directory removed after the test. */
export function makeTempDir(t: TestContext, prefix: string): string {
    const dir = mkdtempSync(join(tmpdir(), prefix));
    t.after(() => {
        rmSync(dir, { recursive: true, force: true });
    });
    return dir;
}

/** Fresh, empty source/metadata/build/release directories whose paths contain spaces. */
export function makeBuilderDirs(t: TestContext): BuilderDirs {
    const root = makeTempDir(t, 'ccaas builder ');
    const dirs = {
        source: join(root, 'source dir'),
        metadata: join(root, 'metadata dir'),
        build: join(root, 'build output'),
        release: join(root, 'release output'),
    };
    for (const dir of Object.values(dirs)) {
        mkdirSync(dir);
    }
    return dirs;
}
