// SPDX-License-Identifier: Apache-2.0
//
// Range, composite-key, rich and history queries over real gRPC: the paging sequence on
// the wire, iterator closing, pagination metadata and what the chaincode iterates.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
    getHistoryForKeyCodec,
    getQueryResultCodec,
    getStateByRangeCodec,
    queryMetadataCodec,
    queryStateCloseCodec,
    queryStateNextCodec,
} from '../../src/wire/codecs.ts';
import type { InMemoryLedger } from '../../src/testing/ledger.ts';
import { scriptChaincode, text } from '../fixtures/script-chaincode.ts';
import { startServer } from '../helpers/server.ts';

const keyOf = (i: number): string => `k${String(i).padStart(3, '0')}`;

function seed(ledger: InMemoryLedger, count: number): void {
    for (let i = 0; i < count; i++) {
        ledger.set(keyOf(i), `v${i}`);
    }
}

describe('range queries', () => {
    test('for await over 250 keys pages with QUERY_STATE_NEXT twice and closes after the last', async (t) => {
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                all: async (stub) => {
                    const keys: string[] = [];
                    for await (const kv of stub.getStateByRange('', '')) {
                        keys.push(kv.key);
                    }
                    return keys.length;
                },
            }),
        );
        const peer = await connectPeer();
        seed(peer.ledger, 250);
        const result = await peer.invoke(['all']);
        assert.equal(result.payload.toString(), '250');
        assert.deepEqual(
            result.requests.map((m) => m.type),
            ['GET_STATE_BY_RANGE', 'QUERY_STATE_NEXT', 'QUERY_STATE_NEXT', 'QUERY_STATE_CLOSE'],
        );
        const ids = result.requests.slice(1).map((m) => queryStateNextCodec.decode(m.payload).id);
        assert.equal(new Set(ids).size, 1);
        assert.notEqual(ids[0], '');
        assert.deepEqual(peer.violations, []);
    });

    test('breaking out of for await after 201 keys sends CLOSE and nothing more', async (t) => {
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                some: async (stub) => {
                    let count = 0;
                    const iterator = await stub.getStateByRange('k000', '');
                    for await (const kv of iterator) {
                        count++;
                        if (kv.key === keyOf(200)) {
                            break;
                        }
                    }
                    return count;
                },
            }),
        );
        const peer = await connectPeer();
        seed(peer.ledger, 250);
        const result = await peer.invoke(['some']);
        assert.equal(result.payload.toString(), '201');
        assert.deepEqual(
            result.requests.map((m) => m.type),
            ['GET_STATE_BY_RANGE', 'QUERY_STATE_NEXT', 'QUERY_STATE_NEXT', 'QUERY_STATE_CLOSE'],
        );
        assert.ok(queryStateCloseCodec.decode(result.requests[3]!.payload).id);
    });

    test('next()/close() in the fabric-shim style yields KVs with namespace, key and value', async (t) => {
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                walk: async (stub) => {
                    const iterator = await stub.getStateByRange('b', 'd');
                    const seen: unknown[] = [];
                    let result = await iterator.next();
                    while (!result.done) {
                        const { namespace, key, value } = result.value;
                        seen.push([namespace, key, text(value)]);
                        result = await iterator.next();
                    }
                    await iterator.close();
                    return seen;
                },
            }),
        );
        const peer = await connectPeer({ chaincodeName: 'assets' });
        for (const key of ['a', 'b', 'c', 'd']) {
            peer.ledger.set(key, key.toUpperCase());
        }
        const result = await peer.invoke(['walk']);
        assert.deepEqual(JSON.parse(result.payload.toString()), [
            ['assets', 'b', 'B'],
            ['assets', 'c', 'C'],
        ]);
        assert.deepEqual(getStateByRangeCodec.decode(result.requests[0]!.payload), {
            startKey: 'b',
            endKey: 'd',
            collection: '',
            metadata: Buffer.alloc(0),
        });
        assert.deepEqual(
            result.requests.map((m) => m.type),
            ['GET_STATE_BY_RANGE', 'QUERY_STATE_CLOSE'],
        );
    });

    test('an empty start key goes out as U+0001, so composite keys stay out of the range', async (t) => {
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                keys: async (stub) => {
                    const keys: string[] = [];
                    for await (const kv of stub.getStateByRange('', '')) {
                        keys.push(kv.key);
                    }
                    return keys;
                },
            }),
        );
        const peer = await connectPeer();
        peer.ledger.set('\u0000type\u0000a\u0000', 'composite');
        peer.ledger.set('plain', 'simple');
        const result = await peer.invoke(['keys']);
        assert.deepEqual(JSON.parse(result.payload.toString()), ['plain']);
        assert.equal(getStateByRangeCodec.decode(result.requests[0]!.payload).startKey, '\u0001');
    });

    test('rejects a start or end key beginning with U+0000 before sending', async (t) => {
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                bad: (stub, [which]) => stub.getStateByRange(which === 'start' ? '\u0000x' : '', '\u0000y'),
            }),
        );
        const peer = await connectPeer();
        for (const which of ['start', 'end']) {
            const result = await peer.invoke(['bad', which]);
            assert.equal(result.status, 500);
            assert.match(result.message, /U\+0000/);
            assert.equal(result.requests.length, 0);
        }
    });

    test('a paginated range sends QueryMetadata and returns the page metadata and bookmark', async (t) => {
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                page: async (stub, [bookmark = '']) => {
                    const { iterator, metadata } = await stub.getStateByRangeWithPagination('', '', 3, bookmark);
                    const keys: string[] = [];
                    for await (const kv of iterator) {
                        keys.push(kv.key);
                    }
                    return { keys, metadata };
                },
            }),
        );
        const peer = await connectPeer();
        seed(peer.ledger, 5);
        const first = await peer.invoke(['page']);
        assert.deepEqual(JSON.parse(first.payload.toString()), {
            keys: ['k000', 'k001', 'k002'],
            metadata: { fetchedRecordsCount: 3, bookmark: 'k003' },
        });
        assert.deepEqual(queryMetadataCodec.decode(getStateByRangeCodec.decode(first.requests[0]!.payload).metadata), {
            pageSize: 3,
            bookmark: '',
        });
        const second = await peer.invoke(['page', 'k003']);
        assert.deepEqual(JSON.parse(second.payload.toString()), {
            keys: ['k003', 'k004'],
            metadata: { fetchedRecordsCount: 2, bookmark: '' },
        });
        assert.deepEqual(
            second.requests.map((m) => m.type),
            ['GET_STATE_BY_RANGE', 'QUERY_STATE_CLOSE'],
        );
    });

    test('for await works directly over a paginated promise', async (t) => {
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                page: async (stub) => {
                    const keys: string[] = [];
                    for await (const kv of stub.getStateByRangeWithPagination('k001', '', 2)) {
                        keys.push(kv.key);
                    }
                    return keys;
                },
            }),
        );
        const peer = await connectPeer();
        seed(peer.ledger, 5);
        assert.deepEqual(JSON.parse((await peer.invoke(['page'])).payload.toString()), ['k001', 'k002']);
    });
});

describe('composite-key queries', () => {
    test('getStateByPartialCompositeKey ranges from the prefix to prefix + U+10FFFF', async (t) => {
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                owned: async (stub, [owner = '']) => {
                    const ids: string[] = [];
                    for await (const kv of stub.getStateByPartialCompositeKey('owner~asset', [owner])) {
                        ids.push(stub.splitCompositeKey(kv.key).attributes[1] ?? '');
                    }
                    return ids;
                },
            }),
        );
        const peer = await connectPeer();
        peer.ledger.set('\u0000owner~asset\u0000alice\u0000a1\u0000', '\u0000');
        peer.ledger.set('\u0000owner~asset\u0000alice\u0000a2\u0000', '\u0000');
        peer.ledger.set('\u0000owner~asset\u0000bob\u0000b1\u0000', '\u0000');
        const result = await peer.invoke(['owned', 'alice']);
        assert.deepEqual(JSON.parse(result.payload.toString()), ['a1', 'a2']);
        const request = getStateByRangeCodec.decode(result.requests[0]!.payload);
        assert.equal(request.startKey, '\u0000owner~asset\u0000alice\u0000');
        assert.equal(request.endKey, '\u0000owner~asset\u0000alice\u0000\u{10FFFF}');
        assert.deepEqual([...Buffer.from(request.endKey, 'utf8').subarray(-4)], [0xf4, 0x8f, 0xbf, 0xbf]);
    });

    test('the paginated variant returns its metadata', async (t) => {
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                page: async (stub) => {
                    const { metadata } = await stub.getStateByPartialCompositeKeyWithPagination('t', [], 1);
                    return metadata;
                },
            }),
        );
        const peer = await connectPeer();
        peer.ledger.set('\u0000t\u0000x\u0000', '1');
        peer.ledger.set('\u0000t\u0000y\u0000', '2');
        const result = await peer.invoke(['page']);
        assert.deepEqual(JSON.parse(result.payload.toString()), {
            fetchedRecordsCount: 1,
            bookmark: '\u0000t\u0000y\u0000',
        });
    });
});

describe('rich queries and history', () => {
    test('getQueryResult sends GET_QUERY_RESULT and yields the matching JSON values', async (t) => {
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                query: async (stub, [query = '']) => {
                    const keys: string[] = [];
                    for await (const kv of stub.getQueryResult(query)) {
                        keys.push(kv.key);
                    }
                    return keys;
                },
            }),
        );
        const peer = await connectPeer();
        peer.ledger.set('a1', '{"color":"blue","owner":{"name":"tom"}}');
        peer.ledger.set('a2', '{"color":"red","owner":{"name":"tom"}}');
        peer.ledger.set('a3', 'not json');
        const query = '{"selector":{"owner.name":"tom","color":{"$eq":"blue"}}}';
        const result = await peer.invoke(['query', query]);
        assert.deepEqual(JSON.parse(result.payload.toString()), ['a1']);
        assert.deepEqual(getQueryResultCodec.decode(result.requests[0]!.payload), {
            query,
            collection: '',
            metadata: Buffer.alloc(0),
        });
    });

    test('getQueryResultWithPagination returns pages and bookmarks', async (t) => {
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                page: async (stub, [bookmark = '']) => {
                    const { iterator, metadata } = await stub.getQueryResultWithPagination(
                        '{"selector":{"color":"blue"}}',
                        2,
                        bookmark,
                    );
                    const keys: string[] = [];
                    for await (const kv of iterator) {
                        keys.push(kv.key);
                    }
                    return { keys, metadata };
                },
            }),
        );
        const peer = await connectPeer();
        for (const key of ['a', 'b', 'c']) {
            peer.ledger.set(key, '{"color":"blue"}');
        }
        const first = JSON.parse((await peer.invoke(['page'])).payload.toString()) as {
            metadata: { bookmark: string };
        };
        assert.deepEqual(first, { keys: ['a', 'b'], metadata: { fetchedRecordsCount: 2, bookmark: 'c' } });
        const second = await peer.invoke(['page', first.metadata.bookmark]);
        assert.deepEqual(JSON.parse(second.payload.toString()), {
            keys: ['c'],
            metadata: { fetchedRecordsCount: 1, bookmark: '' },
        });
    });

    test('getHistoryForKey yields each committed write newest first, with txid, timestamp and deletes', async (t) => {
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                put: (stub, [value = '']) => stub.putState('h', Buffer.from(value)),
                del: (stub) => stub.deleteState('h'),
                history: async (stub) => {
                    const changes: unknown[] = [];
                    for await (const change of stub.getHistoryForKey('h')) {
                        const millis = Number(change.timestamp.seconds) * 1000 + change.timestamp.nanos / 1e6;
                        changes.push([change.txId, text(change.value), change.isDelete, millis]);
                    }
                    return changes;
                },
            }),
        );
        const peer = await connectPeer();
        const first = await peer.invoke(['put', 'one'], { timestamp: new Date(1_700_000_000_123) });
        const second = await peer.invoke(['put', 'two'], { timestamp: new Date(1_700_000_001_000) });
        const deleted = await peer.invoke(['del'], { timestamp: new Date(1_700_000_002_000) });
        const result = await peer.invoke(['history']);
        assert.deepEqual(JSON.parse(result.payload.toString()), [
            [deleted.txId, '', true, 1_700_000_002_000],
            [second.txId, 'two', false, 1_700_000_001_000],
            [first.txId, 'one', false, 1_700_000_000_123],
        ]);
        assert.deepEqual(getHistoryForKeyCodec.decode(result.requests[0]!.payload), { key: 'h' });
    });
});
