// SPDX-License-Identifier: Apache-2.0
//
// The one way a transaction's requests reach the peer: every ledger call, by collection
// ('' = public state), iterator paging, multi-key reads and the write batch, each encoded
// here and queued on the transaction's RequestQueue. Argument checks live in the stub.

import { LedgerRequestError } from './errors.ts';
import type { QueryResponse__Output } from '../wire/generated/protos/QueryResponse.ts';
import { chaincodeMessageCodec } from '../wire/protos.ts';
import {
    chaincodeSpecCodec,
    delStateCodec,
    getStateMultipleCodec,
    getStateMultipleResultCodec,
    getHistoryForKeyCodec,
    getQueryResultCodec,
    getStateByRangeCodec,
    getStateCodec,
    getStateMetadataCodec,
    putStateCodec,
    putStateMetadataCodec,
    queryMetadataCodec,
    queryResponseCodec,
    queryResponseMetadataCodec,
    queryStateCloseCodec,
    queryStateNextCodec,
    responseCodec,
    stateMetadataResultCodec,
    writeBatchStateCodec,
} from '../wire/codecs.ts';
import type { PeerCapabilities } from './peer-capabilities.ts';
import type { RequestQueue } from './request-queue.ts';
import type { ChaincodeResponse, QueryResponseMetadata } from './types.ts';
import { peerMayRefuse } from './batch-rules.ts';
import { WriteBatch } from './write-batch.ts';

/** The metakey of key-level endorsement policies (the name of `protos.MetaDataKeys` value 0). */
export const VALIDATION_PARAMETER = 'VALIDATION_PARAMETER';

const EMPTY = Buffer.alloc(0);
/** What a batched write resolves with: the empty payload the peer answers a write with. */
const WRITTEN: Promise<Buffer> = Promise.resolve(EMPTY);

/** A page's size and where it starts; encoded as QueryMetadata. */
export interface PageRequest {
    readonly pageSize: number;
    readonly bookmark: string;
}

export class LedgerClient {
    readonly #tx: RequestQueue;
    readonly #capabilities: PeerCapabilities;
    /** Present only when the peer's READY offered WRITE_BATCH_STATE. */
    readonly #batch: WriteBatch | undefined;
    /**
     * False once a request was sent after which the peer refuses writes (a paginated or a
     * private-data query) or that shares this transaction's writes (a chaincode call): later
     * writes then go at once, so the peer's refusal reaches the call that made it.
     */
    #batching = true;

    constructor(tx: RequestQueue, capabilities: PeerCapabilities) {
        this.#tx = tx;
        this.#capabilities = capabilities;
        this.#batch = capabilities.writeBatch ? new WriteBatch(capabilities.maxWriteBatchSize) : undefined;
    }

    get(collection: string, key: string): Promise<Buffer> {
        return this.#tx.request('GET_STATE', getStateCodec.encode({ key, collection }));
    }

    /**
     * Several keys of one collection, in order. With peer support: GET_STATE_MULTIPLE in chunks
     * of the advertised size; without: one GET_STATE per key (queued one at a time).
     */
    async getMultiple(collection: string, keys: readonly string[]): Promise<Uint8Array[]> {
        if (!this.#capabilities.getMultipleKeys) {
            return Promise.all(keys.map((key) => this.get(collection, key)));
        }
        const values: Uint8Array[] = [];
        const size = this.#capabilities.maxGetMultipleKeys;
        for (let start = 0; start < keys.length; start += size) {
            const chunk = keys.slice(start, start + size);
            const payload = await this.#tx.request(
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

    getHash(collection: string, key: string): Promise<Buffer> {
        return this.#tx.request('GET_PRIVATE_DATA_HASH', getStateCodec.encode({ key, collection }));
    }

    // The writes are not async (one promise per call, not three); they may throw, and the stub
    // turns that into a rejection. Each resolves with the peer's RESPONSE payload (empty).
    put(collection: string, key: string, value: Uint8Array): Promise<Buffer> {
        if (this.#batch !== undefined && this.#batchable(collection, key, value)) {
            this.#batch.add({ type: 'PUT_STATE', key, value, collection });
            return WRITTEN;
        }
        return this.#write('PUT_STATE', putStateCodec.encode({ key, value, collection }));
    }

    delete(collection: string, key: string): Promise<Buffer> {
        if (this.#batch !== undefined && this.#batchable(collection, key)) {
            this.#batch.add({ type: 'DEL_STATE', key, collection });
            return WRITTEN;
        }
        return this.#write('DEL_STATE', delStateCodec.encode({ key, collection }));
    }

    /** PURGE_PRIVATE_DATA carries DelState bytes, as the peer and the Go shim expect; private, so never batched. */
    purge(collection: string, key: string): Promise<Buffer> {
        return this.#write('PURGE_PRIVATE_DATA', delStateCodec.encode({ key, collection }));
    }

    putMetadata(collection: string, key: string, metakey: string, value: Uint8Array): Promise<Buffer> {
        const metadata = { metakey, value };
        if (this.#batch !== undefined && this.#batchable(collection, key)) {
            this.#batch.add({ type: 'PUT_STATE_METADATA', key, collection, metadata });
            return WRITTEN;
        }
        return this.#write('PUT_STATE_METADATA', putStateMetadataCodec.encode({ key, collection, metadata }));
    }

    /** The value of one metakey of `key`; undefined when the key has none, as in fabric-shim. */
    async getMetadata(collection: string, key: string, metakey: string): Promise<Uint8Array | undefined> {
        const payload = await this.#tx.request('GET_STATE_METADATA', getStateMetadataCodec.encode({ key, collection }));
        return stateMetadataResultCodec.decode(payload).entries.find((e) => e.metakey === metakey)?.value;
    }

    /**
     * Whether a write may wait in the batch: only public state (the peer checks each private
     * write against the collection's policy), only before a request that ends batching, and
     * only what no state database refuses (batch-rules.ts).
     */
    #batchable(collection: string, key: string, value?: Uint8Array): boolean {
        return this.#batching && collection === '' && !peerMayRefuse(key, value);
    }

    /**
     * A write sent at once, queued right behind the buffered ones, so the peer sees every write
     * in call order even when the chaincode does not await them.
     */
    #write(
        type: 'PUT_STATE' | 'DEL_STATE' | 'PURGE_PRIVATE_DATA' | 'PUT_STATE_METADATA',
        payload: Uint8Array,
    ): Promise<Buffer> {
        if (this.#batch === undefined || this.#batch.size === 0) {
            return this.#tx.request(type, payload);
        }
        return afterFlush(this.flush(), this.#tx.request(type, payload));
    }

    /** Queues the buffered writes and batches no more (see `#batching`); resolves once they are written. */
    #endBatching(): Promise<void> | undefined {
        this.#batching = false;
        return this.#batch === undefined || this.#batch.size === 0 ? undefined : this.flush();
    }

    async range(
        collection: string,
        startKey: string,
        endKey: string,
        page?: PageRequest,
    ): Promise<QueryResponse__Output> {
        const flushed = page !== undefined || collection !== '' ? this.#endBatching() : undefined;
        const metadata = page === undefined ? EMPTY : queryMetadataCodec.encode(page);
        const payload = getStateByRangeCodec.encode({ startKey, endKey, collection, metadata });
        return queryResponseCodec.decode(await afterFlush(flushed, this.#tx.request('GET_STATE_BY_RANGE', payload)));
    }

    async query(collection: string, query: string, page?: PageRequest): Promise<QueryResponse__Output> {
        const flushed = page !== undefined || collection !== '' ? this.#endBatching() : undefined;
        const metadata = page === undefined ? EMPTY : queryMetadataCodec.encode(page);
        const payload = getQueryResultCodec.encode({ query, collection, metadata });
        return queryResponseCodec.decode(await afterFlush(flushed, this.#tx.request('GET_QUERY_RESULT', payload)));
    }

    async history(key: string): Promise<QueryResponse__Output> {
        const payload = await this.#tx.request('GET_HISTORY_FOR_KEY', getHistoryForKeyCodec.encode({ key }));
        return queryResponseCodec.decode(payload);
    }

    /** The next batch of the peer's iterator `id` (QUERY_STATE_NEXT). */
    async queryNext(id: string): Promise<QueryResponse__Output> {
        const payload = await this.#tx.request('QUERY_STATE_NEXT', queryStateNextCodec.encode({ id }));
        return queryResponseCodec.decode(payload);
    }

    /** Releases the peer's iterator `id` (QUERY_STATE_CLOSE). */
    async queryClose(id: string): Promise<void> {
        await this.#tx.request('QUERY_STATE_CLOSE', queryStateCloseCodec.encode({ id }));
    }

    /**
     * INVOKE_CHAINCODE. The RESPONSE payload is the callee's own final ChaincodeMessage:
     * COMPLETED carries its Response (any status is returned), ERROR its error text (thrown),
     * as fabric-shim's handleInvokeChaincode does.
     */
    async invoke(name: string, args: readonly Uint8Array[]): Promise<ChaincodeResponse> {
        const flushed = this.#endBatching();
        const payload = chaincodeSpecCodec.encode({ chaincode_id: { name }, input: { args: [...args] } });
        const reply = chaincodeMessageCodec.decode(
            await afterFlush(flushed, this.#tx.request('INVOKE_CHAINCODE', payload)),
        );
        if (reply.type === 'COMPLETED') {
            const response = responseCodec.decode(reply.payload);
            return { status: response.status, message: response.message, payload: response.payload };
        }
        throw new LedgerRequestError(`INVOKE_CHAINCODE of ${name} failed: ${reply.payload.toString('utf8')}`);
    }

    /**
     * Queues the buffered writes, if any, at once (one WRITE_BATCH_STATE per chunk; the queue sends
     * them one at a time); the runner awaits this before COMPLETED. Rejects with the peer's error.
     */
    async flush(): Promise<void> {
        if (this.#batch === undefined || this.#batch.size === 0) {
            return;
        }
        const chunks = this.#batch
            .take()
            .map((rec) => this.#tx.request('WRITE_BATCH_STATE', writeBatchStateCodec.encode({ rec })));
        await Promise.all(chunks);
    }
}

/** `request`'s answer once `flushed` (queued before it) has succeeded; both are handled, neither rejection goes unseen. */
async function afterFlush(flushed: Promise<void> | undefined, request: Promise<Buffer>): Promise<Buffer> {
    if (flushed === undefined) {
        return request;
    }
    const [, answer] = await Promise.all([flushed, request]);
    return answer;
}

/**
 * The page metadata of a paginated query's response, its fields in fabric-shim's order (so a
 * contract's JSON.stringify matches); undefined when the peer sent none (a page size of 0
 * with no bookmark is not paginated), as fabric-shim leaves it.
 */
export function pageMetadata(response: QueryResponse__Output): QueryResponseMetadata | undefined {
    if (response.metadata.length === 0) {
        return undefined;
    }
    const metadata = queryResponseMetadataCodec.decode(response.metadata);
    return { bookmark: metadata.bookmark, fetchedRecordsCount: metadata.fetched_records_count };
}
