// SPDX-License-Identifier: Apache-2.0
//
// The fake peer's world state: public state and private collections in memory. Writes
// made during a transaction are buffered and applied only when it succeeds, as a
// committed endorsement would.

/** One buffered write of a transaction. */
export interface LedgerWrite {
    readonly collection: string;
    readonly key: string;
    /** undefined deletes the key. */
    readonly value: Buffer | undefined;
}

export class InMemoryLedger {
    /** collection ('' = public state) → key → value */
    readonly #collections = new Map<string, Map<string, Buffer>>();

    get(key: string, collection = ''): Buffer | undefined {
        return this.#collections.get(collection)?.get(key);
    }

    /** Stores `value`; an empty value deletes, as the peer records it. */
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

    /** Applies a transaction's writes in order. */
    apply(writes: readonly LedgerWrite[]): void {
        for (const write of writes) {
            let values = this.#collections.get(write.collection);
            if (values === undefined) {
                values = new Map();
                this.#collections.set(write.collection, values);
            }
            if (write.value === undefined) {
                values.delete(write.key);
            } else {
                values.set(write.key, write.value);
            }
        }
    }
}
