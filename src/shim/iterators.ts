// SPDX-License-Identifier: Apache-2.0
//
// Query iterators: walk the peer's QueryResponse batches with QUERY_STATE_NEXT while
// `has_more`, release the peer's iterator with QUERY_STATE_CLOSE, and work both the
// fabric-shim way (`next()`/`close()`) and with `for await`.

import type { QueryResponse__Output } from '../wire/generated/protos/QueryResponse.ts';
import { keyModificationCodec, kvCodec } from '../wire/codecs.ts';
import type { CommonIterator, KeyModification, KV, NextResult, QueryPromise } from './types.ts';

/** Where an iterator fetches its next batch and releases the peer's iterator: the LedgerClient. */
export interface QueryCursor {
    queryNext(id: string): Promise<QueryResponse__Output>;
    queryClose(id: string): Promise<void>;
}

/** Turns one `resultBytes` into what the iterator yields. */
type ResultDecoder<T> = (bytes: Buffer) => T;

/** fabric-shim's end-of-iteration result: `done` with no value. */
const DONE = { value: undefined, done: true } as const;
/** What next() returns at the end, exactly fabric-shim's `{ done: true }`. */
const END = { done: true } as const;

export class QueryIterator<T> implements CommonIterator<T> {
    readonly #cursor: QueryCursor;
    readonly #decode: ResultDecoder<T>;
    #response: QueryResponse__Output;
    #index = 0;
    #closed = false;

    constructor(cursor: QueryCursor, response: QueryResponse__Output, decode: ResultDecoder<T>) {
        this.#cursor = cursor;
        this.#response = response;
        this.#decode = decode;
    }

    /** The next result, fetching the peer's next batch when this one is used up. */
    async next(): Promise<NextResult<T>> {
        if (this.#index >= this.#response.results.length) {
            if (!this.#response.has_more || this.#closed) {
                return END as unknown as NextResult<T>;
            }
            this.#response = await this.#cursor.queryNext(this.#response.id);
            this.#index = 0;
        }
        const result = this.#response.results[this.#index++];
        if (result === undefined) {
            return END as unknown as NextResult<T>;
        }
        return { value: this.#decode(result.resultBytes), done: false };
    }

    /** Releases the peer's iterator (QUERY_STATE_CLOSE); later calls do nothing. */
    async close(): Promise<void> {
        if (this.#closed) {
            return;
        }
        this.#closed = true;
        await this.#cursor.queryClose(this.#response.id);
    }

    /** `for await`: closes the iterator after the last result, or when the loop exits early. */
    [Symbol.asyncIterator](): AsyncIterator<T> {
        return {
            next: async (): Promise<IteratorResult<T>> => {
                const result = await this.next();
                if (result.done) {
                    await this.close();
                    return DONE;
                }
                return { value: result.value, done: false };
            },
            return: async (): Promise<IteratorResult<T>> => {
                await this.close();
                return DONE;
            },
        };
    }
}

/**
 * Makes the promise of an iterator (or of a `{ iterator }` page) iterable itself, as
 * fabric-shim does, so `for await (const kv of stub.getStateByRange(...))` works.
 */
export function iterablePromise<R, T>(
    promise: Promise<R>,
    iteratorOf: (resolved: R) => AsyncIterable<T>,
): QueryPromise<R, T> {
    const iterable = promise as QueryPromise<R, T>;
    iterable[Symbol.asyncIterator] = (): AsyncIterator<T> => {
        let inner: AsyncIterator<T> | undefined;
        return {
            next: async (): Promise<IteratorResult<T>> => {
                inner ??= iteratorOf(await promise)[Symbol.asyncIterator]();
                return inner.next();
            },
            return: async (): Promise<IteratorResult<T>> => {
                if (inner?.return !== undefined) {
                    return inner.return();
                }
                return DONE;
            },
        };
    };
    return iterable;
}

/**
 * Decodes a `queryresult.KV` into what fabric-shim yields, `{ key, value }` (so a contract's
 * JSON.stringify of it matches); `namespace` is there too but not enumerable.
 */
export function decodeKv(bytes: Buffer): KV {
    const kv = kvCodec.decode(bytes);
    const record = { key: kv.key, value: kv.value };
    return Object.defineProperty(record, 'namespace', { value: kv.namespace, enumerable: false }) as unknown as KV;
}

/**
 * Decodes a `queryresult.KeyModification` as fabric-shim does: fields in its order, the
 * timestamp as plain numbers (`{ seconds, nanos }`, what protobuf's toObject gives it).
 */
export function decodeKeyModification(bytes: Buffer): KeyModification {
    const modification = keyModificationCodec.decode(bytes);
    return {
        txId: modification.tx_id,
        value: modification.value,
        isDelete: modification.is_delete,
        timestamp: {
            seconds: Number(modification.timestamp?.seconds ?? '0'),
            nanos: modification.timestamp?.nanos ?? 0,
        },
    };
}
