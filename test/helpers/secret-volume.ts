// SPDX-License-Identifier: Apache-2.0
//
// A directory laid out the way the kubelet mounts a Secret, and updated the way it updates one:
// the files live in a timestamped subdirectory, `..data` links to it, and each visible file links
// to `..data/<name>`. An update writes a new timestamped directory, points a `..data_tmp` link at
// it, renames that over `..data` (the one atomic step) and removes the old directory.

import { mkdirSync, mkdtempSync, readlinkSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';

export class SecretVolume {
    readonly dir: string;
    #generation = 0;

    private constructor(dir: string) {
        this.dir = dir;
    }

    /** A fresh mount holding `files`, removed when the test ends. */
    static create(t: TestContext, files: Readonly<Record<string, string>>): SecretVolume {
        const volume = new SecretVolume(mkdtempSync(path.join(tmpdir(), 'secret-volume-')));
        t.after(() => {
            rmSync(volume.dir, { recursive: true, force: true });
        });
        const data = volume.#writeGeneration(files);
        symlinkSync(data, path.join(volume.dir, '..data'));
        for (const name of Object.keys(files)) {
            symlinkSync(path.join('..data', name), path.join(volume.dir, name));
        }
        return volume;
    }

    /** The path a pod sees for `name` (e.g. `tls.crt`). */
    path(name: string): string {
        return path.join(this.dir, name);
    }

    /** Replaces every file at once, as the kubelet does when the Secret changes. */
    update(files: Readonly<Record<string, string>>): void {
        const previous = readlinkSync(path.join(this.dir, '..data'));
        const data = this.#writeGeneration(files);
        const tmp = path.join(this.dir, '..data_tmp');
        symlinkSync(data, tmp);
        renameSync(tmp, path.join(this.dir, '..data'));
        rmSync(path.join(this.dir, previous), { recursive: true, force: true });
    }

    /** Writes `files` into a new timestamped directory; returns its name (relative, as the kubelet links it). */
    #writeGeneration(files: Readonly<Record<string, string>>): string {
        this.#generation++;
        const stamp = new Date().toISOString().replace(/[-:T]/g, '_').replace(/\..*/, '');
        const name = `..${stamp}.${String(this.#generation).padStart(9, '0')}`;
        mkdirSync(path.join(this.dir, name));
        for (const [file, content] of Object.entries(files)) {
            writeFileSync(path.join(this.dir, name, file), content);
        }
        return name;
    }
}
