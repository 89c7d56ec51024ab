// SPDX-License-Identifier: Apache-2.0
//
// The fake peer's world state: public state, private collections, per-key metadata and
// the history of public keys, in memory. Writes made during a transaction are buffered
// and applied only when it succeeds, as a committed endorsement would.

import { createHash } from 'node:crypto';

/** A buffered value write: a put, or a delete when `value` is undefined (purges are deletes here). */
export interface ValueWrite {
    readonly collection: string;
    readonly key: string;
    readonly value: Buffer | undefined;
}

/** A buffered metadata write: one metakey of one key. */
export interface MetadataWrite {
    readonly collection: string;
    readonly key: string;
    readonly metadata: { readonly metakey: string; readonly value: Buffer };
}

/** One buffered write of a transaction. */
export type LedgerWrite = ValueWrite | MetadataWrite;

/** Which transaction committed a write, for history. */
export interface CommitInfo {
    readonly txId: string;
    readonly timestamp: Date;
}

/** One committed change to a public key. */
export interface HistoryEntry {
    readonly txId: string;
    readonly timestamp: Date;
    /** Empty for a delete. */
    readonly value: Buffer;
    readonly isDelete: boolean;
}

export class InMemoryLedger {
    /** collection ('' = public state) → key → value */
    readonly #collections = new Map<string, Map<string, Buffer>>();
    /** collection → key → metakey → value */
    readonly #metadata = new Map<string, Map<string, Map<string, Buffer>>>();
    /** public key → changes, oldest first */
    readonly #history = new Map<string, HistoryEntry[]>();

    get(key: string, collection = ''): Buffer | undefined {
        return this.#collections.get(collection)?.get(key);
    }

    /** SHA-256 of a value, as the peer stores private data hashes; undefined when absent. */
    hash(key: string, collection: string): Buffer | undefined {
        const value = this.get(key, collection);
        return value === undefined ? undefined : createHash('sha256').update(value).digest();
    }

    /** A key's metadata entries, by metakey. */
    metadata(key: string, collection = ''): ReadonlyMap<string, Buffer> {
        return this.#metadata.get(collection)?.get(key) ?? new Map<string, Buffer>();
    }

    /** Changes to a public key, newest first (the order Fabric 2.x returns history in). */
    history(key: string): readonly HistoryEntry[] {
        return [...(this.#history.get(key) ?? [])].reverse();
    }

    /** Stores `value` (committed by txid '' at the current time); an empty value deletes, as the peer records it. */
    set(key: string, value: Uint8Array | string, collection = ''): void {
        const bytes = typeof value === 'string' ? Buffer.from(value, 'utf8') : Buffer.from(value);
        this.apply([{ collection, key, value: bytes.length === 0 ? undefined : bytes }]);
    }

    delete(key: string, collection = ''): void {
        this.apply([{ collection, key, value: undefined }]);
    }

    /** The keys of a collection in ledger order (byte order of the UTF-8 keys). */
    keys(collection = ''): string[] {
        const keys = [...(this.#collections.get(collection)?.keys() ?? [])];
        return keys.sort((a, b) => Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
    }

    /** Keys in [startKey, endKey) in ledger order; an empty endKey has no upper bound. */
    range(collection: string, startKey: string, endKey: string): string[] {
        const start = Buffer.from(startKey, 'utf8');
        const end = Buffer.from(endKey, 'utf8');
        return this.keys(collection).filter((key) => {
            const bytes = Buffer.from(key, 'utf8');
            return Buffer.compare(bytes, start) >= 0 && (endKey === '' || Buffer.compare(bytes, end) < 0);
        });
    }

    /** Applies a transaction's writes in order, recording public changes in the history. */
    apply(writes: readonly LedgerWrite[], commit: CommitInfo = { txId: '', timestamp: new Date() }): void {
        for (const write of writes) {
            if ('metadata' in write) {
                const keys = lazyGet(this.#metadata, write.collection, () => new Map<string, Map<string, Buffer>>());
                lazyGet(keys, write.key, () => new Map<string, Buffer>()).set(
                    write.metadata.metakey,
                    write.metadata.value,
                );
                continue;
            }
            const values = lazyGet(this.#collections, write.collection, () => new Map<string, Buffer>());
            if (write.value === undefined) {
                values.delete(write.key);
                this.#metadata.get(write.collection)?.delete(write.key);
            } else {
                values.set(write.key, write.value);
            }
            if (write.collection === '') {
                lazyGet(this.#history, write.key, () => []).push({
                    txId: commit.txId,
                    timestamp: commit.timestamp,
                    value: write.value ?? Buffer.alloc(0),
                    isDelete: write.value === undefined,
                });
            }
        }
    }
}

function lazyGet<K, V>(map: Map<K, V>, key: K, create: () => V): V {
    let value = map.get(key);
    if (value === undefined) {
        value = create();
        map.set(key, value);
    }
    return value;
}
