// SPDX-License-Identifier: Apache-2.0
//
// Reads a tar or tar.gz buffer back with the tar package: every entry's header fields and content.

import { Parser } from 'tar';
import type { ReadEntry } from 'tar';

export interface TarEntry {
    readonly path: string;
    readonly type: string;
    readonly mode: number | undefined;
    readonly uid: number | undefined;
    readonly gid: number | undefined;
    readonly uname: string | undefined;
    readonly gname: string | undefined;
    readonly mtime: number | undefined;
    readonly content: Buffer;
}

/** The entries of a tar archive (gzipped or not), in archive order. */
export async function readTarEntries(archive: Buffer): Promise<TarEntry[]> {
    const entries: TarEntry[] = [];
    const pending: Promise<void>[] = [];
    const parser = new Parser({
        strict: true,
        onReadEntry: (entry: ReadEntry) => {
            const chunks: Buffer[] = [];
            entry.on('data', (chunk: Buffer) => chunks.push(chunk));
            pending.push(
                new Promise((resolve) => {
                    entry.on('end', () => {
                        entries.push({
                            path: entry.path,
                            type: entry.type,
                            mode: entry.mode,
                            uid: entry.uid,
                            gid: entry.gid,
                            uname: entry.uname,
                            gname: entry.gname,
                            mtime: entry.mtime?.getTime(),
                            content: Buffer.concat(chunks),
                        });
                        resolve();
                    });
                }),
            );
        },
    });
    const done = new Promise<void>((resolve, reject) => {
        parser.on('end', resolve);
        parser.on('error', reject);
    });
    parser.end(archive);
    await done;
    await Promise.all(pending);
    return entries;
}
