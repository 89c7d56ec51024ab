// SPDX-License-Identifier: Apache-2.0
//
// Watches the server's key, certificate and client CA files and hands a renewed set to the
// server once it checks out. Kubernetes updates a mounted Secret by swapping the `..data`
// symlink in the mount directory, which replaces no watched inode, so the directories are
// watched, not the files; a burst of events is settled by a debounce.

import { createHash } from 'node:crypto';
import { readFileSync, watch, type FSWatcher } from 'node:fs';
import path from 'node:path';
import type { Logger } from 'pino';
import { errorMessage } from '../shim/errors.ts';
import { checkServerMaterial, TlsMaterialError, type MaterialPart, type ServerMaterial } from './server-material.ts';

/** Where the server's TLS material is read from. */
export interface TlsFiles {
    readonly keyFile: string;
    readonly certFile: string;
    /** Unset when there is no client CA, or when it was given inline. */
    readonly clientCaFile: string | undefined;
}

export type ReloadResult =
    | { readonly outcome: 'success'; readonly notAfter: Date; readonly fingerprint256: string }
    | { readonly outcome: 'failure'; readonly file: string; readonly problem: string };

export interface TlsFileReloaderOptions {
    readonly files: TlsFiles;
    /** A client CA given inline: kept as it is, since it cannot change. */
    readonly inlineClientCa?: Buffer | undefined;
    /** What the server serves now; a change back to exactly this is not a reload. */
    readonly served: ServerMaterial;
    /** Serves new handshakes with checked material; may throw, which counts as a failure. */
    readonly apply: (material: ServerMaterial) => void;
    /** Called once per reload attempt, after it was logged. */
    readonly onResult?: (result: ReloadResult) => void;
    readonly logger: Logger;
    /** Quiet time after the last file event before the files are read; default 1000 ms. */
    readonly debounceMs?: number;
}

const DEFAULT_DEBOUNCE_MS = 1_000;

export class TlsFileReloader {
    readonly #options: TlsFileReloaderOptions;
    readonly #log: Logger;
    readonly #watchers: FSWatcher[] = [];
    #timer: NodeJS.Timeout | undefined;
    /** Digest of the last material tried, served or refused: the same bytes are not tried twice. */
    #lastTried: string;

    constructor(options: TlsFileReloaderOptions) {
        this.#options = options;
        this.#log = options.logger;
        this.#lastTried = digest(options.served);
    }

    /** Watches the files' directories; a change found since the material was read is picked up too. */
    start(): void {
        const { keyFile, certFile, clientCaFile } = this.#options.files;
        const dirs = new Set([keyFile, certFile, clientCaFile].flatMap((file) => (file ? [path.dirname(file)] : [])));
        for (const dir of dirs) {
            const watcher = watch(dir, { persistent: false }, () => {
                this.#schedule();
            });
            watcher.on('error', (err) => {
                this.#log.error({ dir, err: errorMessage(err) }, 'cannot watch the TLS files any more: reloads stop');
            });
            this.#watchers.push(watcher);
        }
        this.#log.info({ dirs: [...dirs] }, 'watching the TLS files for renewals');
        this.#schedule();
    }

    close(): void {
        clearTimeout(this.#timer);
        for (const watcher of this.#watchers.splice(0)) {
            watcher.close();
        }
    }

    #schedule(): void {
        clearTimeout(this.#timer);
        this.#timer = setTimeout(() => {
            this.#reload();
        }, this.#options.debounceMs ?? DEFAULT_DEBOUNCE_MS);
        this.#timer.unref();
    }

    #reload(): void {
        const read = this.#read();
        if ('problem' in read) {
            this.#report(read);
            return;
        }
        const material = read.material;
        const tried = digest(material);
        if (tried === this.#lastTried) {
            return;
        }
        this.#lastTried = tried;
        this.#report(this.#apply(material));
    }

    #read(): { material: ServerMaterial } | { outcome: 'failure'; file: string; problem: string } {
        const { keyFile, certFile, clientCaFile } = this.#options.files;
        const contents: Buffer[] = [];
        for (const file of [keyFile, certFile, clientCaFile]) {
            if (file === undefined) {
                continue;
            }
            try {
                contents.push(readFileSync(file));
            } catch (err) {
                return { outcome: 'failure', file, problem: `cannot read the file: ${errorMessage(err)}` };
            }
        }
        const [key, cert, clientCa] = contents as [Buffer, Buffer, Buffer | undefined];
        return { material: { key, cert, clientCa: clientCa ?? this.#options.inlineClientCa } };
    }

    #apply(material: ServerMaterial): ReloadResult {
        const files = this.#options.files;
        const fileOf: Record<MaterialPart, string> = {
            key: files.keyFile,
            cert: files.certFile,
            clientCa: files.clientCaFile ?? 'the inline client CA',
        };
        try {
            const checked = checkServerMaterial(material);
            this.#options.apply(material);
            return { outcome: 'success', notAfter: checked.notAfter, fingerprint256: checked.fingerprint256 };
        } catch (err) {
            if (err instanceof TlsMaterialError) {
                const against = err.against === undefined ? '' : ` in ${fileOf[err.against]}`;
                return { outcome: 'failure', file: fileOf[err.part], problem: `${err.message}${against}` };
            }
            return { outcome: 'failure', file: files.certFile, problem: errorMessage(err) };
        }
    }

    #report(result: ReloadResult): void {
        if (result.outcome === 'success') {
            this.#log.info(
                { notAfter: result.notAfter.toISOString(), fingerprint256: result.fingerprint256 },
                'TLS key pair reloaded: new handshakes use the new certificate',
            );
        } else {
            this.#log.error(
                { file: result.file, problem: result.problem },
                'TLS reload refused: still serving the previous key pair',
            );
        }
        this.#options.onResult?.(result);
    }
}

function digest(material: ServerMaterial): string {
    const hash = createHash('sha256');
    for (const part of [material.key, material.cert, material.clientCa ?? Buffer.alloc(0)]) {
        hash.update(String(part.length)).update(':').update(part);
    }
    return hash.digest('hex');
}
