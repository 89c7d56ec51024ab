// SPDX-License-Identifier: Apache-2.0
//
// Reproducible tar.gz archives from in-memory files: the tar package writes the ustar headers with fixed
// metadata, stored-gzip.ts compresses. Same files in, same bytes out.

import { Header, Pack, ReadEntry } from 'tar';
import { gzipStored } from './stored-gzip.ts';
import { ToolError } from './tool-error.ts';

/** One regular file of an archive. */
export interface ArchiveFile {
    /** Relative POSIX path, no leading "./". */
    readonly path: string;
    readonly content: Buffer;
}

const EPOCH = new Date(0);

// Fixed metadata for every entry: what docs/external-builders.md §7 asks for (regular file, 0644, root-owned
// with empty owner names, mtime 0). Nothing is taken from the file system.
function headerFor(file: ArchiveFile): Header {
    return new Header({
        path: file.path,
        type: 'File',
        mode: 0o644,
        uid: 0,
        gid: 0,
        uname: '',
        gname: '',
        size: file.content.length,
        mtime: EPOCH,
    });
}

/** A ustar archive of the files in byte order of their paths, without directory entries or PAX headers. */
export async function createTar(files: readonly ArchiveFile[]): Promise<Buffer> {
    const sorted = [...files].sort((a, b) => Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
    for (const [index, file] of sorted.entries()) {
        if (file.path === '' || file.path.startsWith('/') || file.path.split('/').includes('..')) {
            throw new ToolError(`archive path "${file.path}" is not a relative path`);
        }
        if (index > 0 && sorted[index - 1]?.path === file.path) {
            throw new ToolError(`archive path "${file.path}" appears twice`);
        }
        // encode() answers true when the entry would need a PAX header (long or non-ASCII path).
        if (headerFor(file).encode()) {
            throw new ToolError(`archive path "${file.path}" does not fit a plain ustar header; shorten it`);
        }
    }

    const pack = new Pack({ noPax: true, noDirRecurse: true, strict: true });
    const chunks: Buffer[] = [];
    pack.on('data', (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise<void>((resolve, reject) => {
        pack.on('end', resolve);
        pack.on('error', reject);
    });
    for (const file of sorted) {
        const entry = new ReadEntry(headerFor(file));
        pack.add(entry);
        entry.end(file.content);
    }
    pack.end();
    await ended;
    return Buffer.concat(chunks);
}

/** createTar() compressed with stored-gzip.ts. */
export async function createTarGz(files: readonly ArchiveFile[]): Promise<Buffer> {
    return gzipStored(await createTar(files));
}
