// SPDX-License-Identifier: Apache-2.0
//
// Collects a META-INF directory (CouchDB index definitions) into archive files for code.tar.gz,
// checking what the peer will later read from it.

import { lstatSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ArchiveFile } from './tar-archive.ts';
import { ToolError, fsReason } from './tool-error.ts';

/** The files of a META-INF directory, and warnings about its layout. */
export interface MetaInfContents {
    readonly files: readonly ArchiveFile[];
    readonly warnings: readonly string[];
}

function walk(dir: string, relative: string, files: ArchiveFile[]): void {
    for (const name of readdirSync(dir).sort()) {
        const path = join(dir, name);
        const entry = relative === '' ? name : `${relative}/${name}`;
        const stat = lstatSync(path);
        if (stat.isDirectory()) {
            walk(path, entry, files);
        } else if (stat.isFile()) {
            files.push({ path: `META-INF/${entry}`, content: readFileSync(path) });
        } else {
            throw new ToolError(`--meta-inf: "${path}" is not a regular file or directory`);
        }
    }
}

function checkJson(file: ArchiveFile): void {
    try {
        JSON.parse(file.content.toString('utf8'));
    } catch {
        throw new ToolError(`--meta-inf: ${file.path} is not valid JSON`);
    }
}

/**
 * Reads every regular file under dir (the META-INF directory itself, holding statedb/couchdb/...) as
 * META-INF/<path>. JSON files must parse; the peer reads only statedb/couchdb/indexes/*.json and
 * statedb/couchdb/collections/<name>/indexes/*.json, so anything else is warned about.
 */
export function readMetaInf(dir: string): MetaInfContents {
    const files: ArchiveFile[] = [];
    try {
        if (!lstatSync(dir).isDirectory()) {
            throw new ToolError(`--meta-inf "${dir}" is not a directory`);
        }
        walk(dir, '', files);
    } catch (err) {
        if (err instanceof ToolError) {
            throw err;
        }
        throw new ToolError(`cannot read --meta-inf "${dir}": ${fsReason(err)}`);
    }
    const warnings: string[] = [];
    for (const file of files) {
        if (file.path.endsWith('.json')) {
            checkJson(file);
        }
        if (!/^META-INF\/statedb\/couchdb\/(?:collections\/[^/]+\/)?indexes\/[^/]+\.json$/.test(file.path)) {
            warnings.push(`--meta-inf: the peer ignores ${file.path} (indexes go in statedb/couchdb/indexes/)`);
        }
    }
    if (files.length === 0) {
        warnings.push(`--meta-inf "${dir}" holds no files`);
    }
    return { files, warnings };
}
