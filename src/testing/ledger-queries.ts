// SPDX-License-Identifier: Apache-2.0
//
// The fake peer's queries: range and rich queries and key history, served in pages of
// 100 behind an iterator id (QUERY_STATE_NEXT / QUERY_STATE_CLOSE), or as one paginated
// response with a bookmark, following the peer's rules.

import { randomUUID } from 'node:crypto';
import {
    getHistoryForKeyCodec,
    getQueryResultCodec,
    getStateByRangeCodec,
    keyModificationCodec,
    kvCodec,
    queryMetadataCodec,
    queryResponseCodec,
    queryResponseMetadataCodec,
    queryStateCloseCodec,
    queryStateNextCodec,
} from '../wire/codecs.ts';
import type { InMemoryLedger } from './ledger.ts';
import { matchesSelector, parseSelector } from './selector.ts';
import { checkCollectionAccess, PeerRequestError, type OpenIterator, type SimulatedTransaction } from './simulation.ts';

/** The peer's fixed batch size for non-paginated queries. */
export const QUERY_BATCH_SIZE = 100;

export function serveQueryRequest(
    type: string,
    payload: Buffer,
    tx: SimulatedTransaction,
    ledger: InMemoryLedger,
): Buffer {
    switch (type) {
        case 'GET_STATE_BY_RANGE': {
            const { startKey, endKey, collection, metadata } = getStateByRangeCodec.decode(payload);
            checkCollectionAccess(collection, tx);
            const page = pageOf(metadata, collection, tx);
            const from = page?.bookmark ? page.bookmark : startKey;
            const keys = ledger.range(collection, from, endKey);
            return respond(tx, keys, (key) => kvBytes(tx.namespace, key, ledger.get(key, collection)), page);
        }
        case 'GET_QUERY_RESULT': {
            const { query, collection, metadata } = getQueryResultCodec.decode(payload);
            checkCollectionAccess(collection, tx);
            const selector = parseSelector(query);
            const page = pageOf(metadata, collection, tx);
            let keys = ledger.keys(collection).filter((key) => matchesSelector(selector, ledger.get(key, collection)));
            if (page?.bookmark) {
                // Our bookmark is the next record's key; CouchDB's is opaque, and chaincode treats it so.
                const from = Buffer.from(page.bookmark, 'utf8');
                keys = keys.filter((key) => Buffer.compare(Buffer.from(key, 'utf8'), from) >= 0);
            }
            return respond(tx, keys, (key) => kvBytes(tx.namespace, key, ledger.get(key, collection)), page);
        }
        case 'GET_HISTORY_FOR_KEY': {
            const { key } = getHistoryForKeyCodec.decode(payload);
            const results = ledger.history(key).map((entry) =>
                Buffer.from(
                    keyModificationCodec.encode({
                        tx_id: entry.txId,
                        value: entry.value,
                        timestamp: {
                            seconds: String(Math.floor(entry.timestamp.getTime() / 1000)),
                            nanos: (entry.timestamp.getTime() % 1000) * 1_000_000,
                        },
                        is_delete: entry.isDelete,
                    }),
                ),
            );
            return firstBatch(tx, results);
        }
        case 'QUERY_STATE_NEXT': {
            const { id } = queryStateNextCodec.decode(payload);
            const open = tx.iterators.get(id);
            if (open === undefined) {
                throw new PeerRequestError('query iterator not found');
            }
            return nextBatch(tx, id, open);
        }
        case 'QUERY_STATE_CLOSE': {
            // Always answered, even for an unknown or exhausted id.
            const { id } = queryStateCloseCodec.decode(payload);
            tx.iterators.delete(id);
            return Buffer.from(queryResponseCodec.encode({ results: [], has_more: false, id }));
        }
        default:
            throw new PeerRequestError(`${type} is not served by the fake peer`);
    }
}

interface Page {
    readonly pageSize: number;
    readonly bookmark: string;
}

/**
 * The query's pagination, if any. Private-data queries ignore it, and both paginated and
 * private queries make the transaction read-only; a paginated query after writes is refused.
 */
function pageOf(metadata: Buffer, collection: string, tx: SimulatedTransaction): Page | undefined {
    const page = metadata.length === 0 ? undefined : queryMetadataCodec.decode(metadata);
    const paginated = page !== undefined && (page.pageSize > 0 || page.bookmark !== '') && collection === '';
    if (paginated && tx.writes.length > 0) {
        throw new PeerRequestError('paginated queries are not allowed in a transaction that has written');
    }
    if (paginated || collection !== '') {
        tx.readOnly = true;
    }
    return paginated ? page : undefined;
}

function respond(
    tx: SimulatedTransaction,
    keys: string[],
    encode: (key: string) => Buffer,
    page: Page | undefined,
): Buffer {
    if (page === undefined) {
        return firstBatch(tx, keys.map(encode));
    }
    // Paginated: every result of the page in one response, the iterator already released.
    const size = page.pageSize > 0 ? page.pageSize : keys.length;
    const selected = keys.slice(0, size);
    const metadata = queryResponseMetadataCodec.encode({
        fetched_records_count: selected.length,
        bookmark: keys[size] ?? '',
    });
    return Buffer.from(
        queryResponseCodec.encode({
            results: selected.map((key) => ({ resultBytes: encode(key) })),
            has_more: false,
            id: randomUUID(),
            metadata,
        }),
    );
}

function firstBatch(tx: SimulatedTransaction, results: Buffer[]): Buffer {
    const id = randomUUID();
    return nextBatch(tx, id, { remaining: results });
}

/** Up to 100 results; the iterator stays open while more remain and is released with the last batch. */
function nextBatch(tx: SimulatedTransaction, id: string, open: OpenIterator): Buffer {
    const batch = open.remaining.splice(0, QUERY_BATCH_SIZE);
    const hasMore = open.remaining.length > 0;
    if (hasMore) {
        tx.iterators.set(id, open);
    } else {
        tx.iterators.delete(id);
    }
    return Buffer.from(
        queryResponseCodec.encode({
            results: batch.map((resultBytes) => ({ resultBytes })),
            has_more: hasMore,
            id,
        }),
    );
}

function kvBytes(namespace: string, key: string, value: Buffer | undefined): Buffer {
    return Buffer.from(kvCodec.encode({ namespace, key, value: value ?? Buffer.alloc(0) }));
}
