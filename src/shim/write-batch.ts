// SPDX-License-Identifier: Apache-2.0
//
// Fabric 3.1 batching: writes buffered and sent as WRITE_BATCH_STATE before COMPLETED,
// and multi-key reads as GET_STATE_MULTIPLE — each only when the peer's READY offered it.

import { LedgerRequestError } from '../errors.ts';
import type { WriteRecord } from '../generated/protos/WriteRecord.ts';
import { getStateCodec, getStateMultipleCodec, getStateMultipleResultCodec, writeBatchStateCodec } from './codecs.ts';
import type { PeerCapabilities } from './peer-capabilities.ts';
import type { TransactionContext } from './transaction.ts';

/** The write kinds a batch carries; the numbers on the wire equal the ChaincodeMessage types. */
export type WriteKind = 'PUT_STATE' | 'DEL_STATE' | 'PUT_STATE_METADATA' | 'PURGE_PRIVATE_DATA';

/**
 * One transaction's buffered writes. A later write to the same (collection, key) replaces
 * an earlier one — data writes (put, delete, purge) and metadata writes separately, as the
 * Go shim's `writeBatch` does — so the peer applies only the last of each.
 */
export class WriteBatch {
    readonly #records = new Map<string, WriteRecord>();
    readonly #maxSize: number;

    /** `maxSize`: records per WRITE_BATCH_STATE message (already raised to the minimum by the handler). */
    constructor(maxSize: number) {
        this.#maxSize = maxSize;
    }

    get size(): number {
        return this.#records.size;
    }

    add(record: WriteRecord & { readonly type: WriteKind; readonly key: string; readonly collection: string }): void {
        const kind = record.type === 'PUT_STATE_METADATA' ? 'm' : 'd';
        // Collection names cannot contain U+0000, so this key is unambiguous.
        this.#records.set(`${kind}${record.collection}\u0000${record.key}`, record);
    }

    /** Sends every buffered write, in chunks of the advertised size; rejects with the peer's error. */
    async flush(tx: TransactionContext): Promise<void> {
        if (this.#records.size === 0) {
            return;
        }
        const records = [...this.#records.values()];
        this.#records.clear();
        for (let start = 0; start < records.length; start += this.#maxSize) {
            const rec = records.slice(start, start + this.#maxSize);
            await tx.request('WRITE_BATCH_STATE', writeBatchStateCodec.encode({ rec }));
        }
    }
}

/**
 * Reads several keys of one collection ('' = public state), in order. With peer support:
 * GET_STATE_MULTIPLE in chunks of the advertised size; without: one GET_STATE per key
 * (queued one at a time by the transaction, as the peer requires).
 */
export async function getMultiple(
    tx: TransactionContext,
    capabilities: PeerCapabilities,
    collection: string,
    keys: readonly string[],
): Promise<Uint8Array[]> {
    if (!capabilities.getMultipleKeys) {
        return Promise.all(keys.map((key) => tx.request('GET_STATE', getStateCodec.encode({ key, collection }))));
    }
    const values: Uint8Array[] = [];
    const size = capabilities.maxGetMultipleKeys;
    for (let start = 0; start < keys.length; start += size) {
        const chunk = keys.slice(start, start + size);
        const payload = await tx.request(
            'GET_STATE_MULTIPLE',
            getStateMultipleCodec.encode({ keys: chunk, collection }),
        );
        const result = getStateMultipleResultCodec.decode(payload);
        if (result.values.length !== chunk.length) {
            throw new LedgerRequestError(
                `GET_STATE_MULTIPLE returned ${result.values.length} values for ${chunk.length} keys`,
            );
        }
        values.push(...result.values);
    }
    return values;
}
