// SPDX-License-Identifier: Apache-2.0
//
// Fabric 3.1 write batching: one transaction's writes buffered until it ends, then sent by
// the LedgerClient as WRITE_BATCH_STATE messages, when the peer's READY offered batching.

import type { WriteRecord } from '../wire/generated/protos/WriteRecord.ts';

/** The write kinds a batch carries; the numbers on the wire equal the ChaincodeMessage types. */
export type WriteKind = 'PUT_STATE' | 'DEL_STATE' | 'PUT_STATE_METADATA' | 'PURGE_PRIVATE_DATA';

/** One buffered write. */
export type BatchedWrite = WriteRecord & {
    readonly type: WriteKind;
    readonly key: string;
    readonly collection: string;
};

/**
 * One transaction's buffered writes. A later write to the same (collection, key) replaces
 * an earlier one — data writes (put, delete, purge) and metadata writes separately, as the
 * Go shim's `writeBatch` does — so the peer applies only the last of each.
 */
export class WriteBatch {
    readonly #records = new Map<string, BatchedWrite>();
    readonly #maxSize: number;

    /** `maxSize`: records per WRITE_BATCH_STATE message (already raised to the minimum by the handler). */
    constructor(maxSize: number) {
        this.#maxSize = maxSize;
    }

    get size(): number {
        return this.#records.size;
    }

    add(record: BatchedWrite): void {
        const kind = record.type === 'PUT_STATE_METADATA' ? 'm' : 'd';
        // Collection names cannot contain U+0000, so this key is unambiguous.
        this.#records.set(`${kind}${record.collection}\u0000${record.key}`, record);
    }

    /** Empties the batch: its writes in order, in chunks of the advertised size. */
    take(): BatchedWrite[][] {
        const records = [...this.#records.values()];
        this.#records.clear();
        const chunks: BatchedWrite[][] = [];
        for (let start = 0; start < records.length; start += this.#maxSize) {
            chunks.push(records.slice(start, start + this.#maxSize));
        }
        return chunks;
    }
}
