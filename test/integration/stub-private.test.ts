// SPDX-License-Identifier: Apache-2.0
//
// Private data over real gRPC: collection in every payload, hashes, purge (and what a
// pre-2.5 peer does with it), private queries, and the local checks.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import {
    delStateCodec,
    getQueryResultCodec,
    getStateByRangeCodec,
    getStateCodec,
    putStateCodec,
    putStateMetadataCodec,
} from '../../src/wire/codecs.ts';
import { scriptChaincode, text } from '../fixtures/script-chaincode.ts';
import { startServer } from '../helpers/server.ts';

const utf8 = (value: string): Buffer => Buffer.from(value, 'utf8');

describe('private data', () => {
    test('putPrivateData, getPrivateData and deletePrivateData carry the collection', async (t) => {
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                put: (stub) => stub.putPrivateData('secrets', 'p1', utf8('hidden')),
                get: async (stub) => stub.getPrivateData('secrets', 'p1'),
                del: (stub) => stub.deletePrivateData('secrets', 'p1'),
            }),
        );
        const peer = await connectPeer();
        const put = await peer.invoke(['put']);
        assert.deepEqual(putStateCodec.decode(put.requests[0]!.payload), {
            key: 'p1',
            value: utf8('hidden'),
            collection: 'secrets',
        });
        assert.equal(peer.ledger.get('p1', 'secrets')?.toString(), 'hidden');
        assert.equal(peer.ledger.get('p1'), undefined);
        const get = await peer.invoke(['get']);
        assert.equal(get.payload.toString(), 'hidden');
        assert.deepEqual(getStateCodec.decode(get.requests[0]!.payload), { key: 'p1', collection: 'secrets' });
        const del = await peer.invoke(['del']);
        assert.deepEqual(
            [del.requests[0]!.type, delStateCodec.decode(del.requests[0]!.payload)],
            ['DEL_STATE', { key: 'p1', collection: 'secrets' }],
        );
        assert.equal(peer.ledger.get('p1', 'secrets'), undefined);
    });

    test('getPrivateDataHash sends GET_PRIVATE_DATA_HASH and returns the SHA-256 of the value', async (t) => {
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({ hash: async (stub, [key = '']) => stub.getPrivateDataHash('secrets', key) }),
        );
        const peer = await connectPeer();
        peer.ledger.set('p1', 'hidden', 'secrets');
        const result = await peer.invoke(['hash', 'p1']);
        assert.equal(result.requests[0]!.type, 'GET_PRIVATE_DATA_HASH');
        assert.deepEqual(getStateCodec.decode(result.requests[0]!.payload), { key: 'p1', collection: 'secrets' });
        assert.deepEqual(result.payload, createHash('sha256').update('hidden').digest());
        assert.equal((await peer.invoke(['hash', 'absent'])).payload.length, 0);
    });

    test('purgePrivateData sends PURGE_PRIVATE_DATA with DelState bytes to a 2.5 peer', async (t) => {
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({ purge: (stub) => stub.purgePrivateData('secrets', 'p1') }),
        );
        const peer = await connectPeer({ peerVersion: '2.5' });
        peer.ledger.set('p1', 'hidden', 'secrets');
        const result = await peer.invoke(['purge']);
        assert.equal(result.status, 200);
        assert.equal(result.requests[0]!.type, 'PURGE_PRIVATE_DATA');
        assert.deepEqual(
            result.requests[0]!.payload,
            Buffer.from(delStateCodec.encode({ key: 'p1', collection: 'secrets' })),
        );
        assert.equal(peer.ledger.get('p1', 'secrets'), undefined);
    });

    test('a 2.4 peer ends the stream on PURGE_PRIVATE_DATA, as a real one does', async (t) => {
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({ purge: (stub) => stub.purgePrivateData('secrets', 'p1') }),
        );
        const peer = await connectPeer({ peerVersion: '2.4' });
        const outcome = peer.invoke(['purge']).catch((err: unknown) => err);
        await peer.ended;
        assert.match(peer.violations.join('\n'), /PURGE_PRIVATE_DATA is not a message a peer accepts/);
        peer.close();
        assert.ok((await outcome) instanceof Error);
    });

    test('private validation parameters use the collection', async (t) => {
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                set: (stub) => stub.setPrivateDataValidationParameter('secrets', 'p1', utf8('ep')),
                get: async (stub) => stub.getPrivateDataValidationParameter('secrets', 'p1'),
            }),
        );
        const peer = await connectPeer();
        const set = await peer.invoke(['set']);
        assert.equal(putStateMetadataCodec.decode(set.requests[0]!.payload).collection, 'secrets');
        assert.equal((await peer.invoke(['get'])).payload.toString(), 'ep');
    });

    test('private range, partial composite key and rich queries carry the collection', async (t) => {
        const collect = async (iterable: AsyncIterable<{ key: string }>): Promise<string[]> => {
            const keys: string[] = [];
            for await (const kv of iterable) {
                keys.push(kv.key);
            }
            return keys;
        };
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                range: (stub) => collect(stub.getPrivateDataByRange('secrets', '', '')),
                partial: async (stub) =>
                    (await collect(stub.getPrivateDataByPartialCompositeKey('secrets', 't', []))).map(
                        (key) => stub.splitCompositeKey(key).attributes,
                    ),
                query: (stub) => collect(stub.getPrivateDataQueryResult('secrets', '{"selector":{"v":1}}')),
            }),
        );
        const peer = await connectPeer();
        peer.ledger.set('s1', '{"v":1}', 'secrets');
        peer.ledger.set('s2', '{"v":2}', 'secrets');
        peer.ledger.set('\u0000t\u0000x\u0000', '{}', 'secrets');
        peer.ledger.set('public', '{"v":1}');
        const range = await peer.invoke(['range']);
        assert.deepEqual(JSON.parse(range.payload.toString()), ['s1', 's2']);
        assert.equal(getStateByRangeCodec.decode(range.requests[0]!.payload).collection, 'secrets');
        const partial = await peer.invoke(['partial']);
        assert.deepEqual(JSON.parse(partial.payload.toString()), [['x']]);
        const query = await peer.invoke(['query']);
        assert.deepEqual(JSON.parse(query.payload.toString()), ['s1']);
        assert.equal(getQueryResultCodec.decode(query.requests[0]!.payload).collection, 'secrets');
    });

    test('an empty collection is rejected locally, before anything is sent', async (t) => {
        const calls = {
            get: (stub) => stub.getPrivateData('', 'k'),
            put: (stub) => stub.putPrivateData('', 'k', utf8('v')),
            purge: (stub) => stub.purgePrivateData('', 'k'),
            hash: (stub) => stub.getPrivateDataHash('', 'k'),
            range: (stub) => stub.getPrivateDataByRange('', 'a', 'b'),
            query: (stub) => stub.getPrivateDataQueryResult('', '{}'),
        } satisfies Parameters<typeof scriptChaincode>[0];
        const { connectPeer } = await startServer(t, scriptChaincode(calls));
        const peer = await connectPeer();
        for (const name of Object.keys(calls)) {
            const result = await peer.invoke([name]);
            assert.equal(result.status, 500, name);
            assert.match(result.message, /collection must be a non-empty string/);
            assert.equal(result.requests.length, 0);
        }
    });

    test('the peer refuses private data in Init and the error reaches the chaincode', async (t) => {
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({ get: async (stub) => text(await stub.getPrivateData('secrets', 'k')) }),
        );
        const peer = await connectPeer();
        const result = await peer.invoke(['get'], { init: true });
        assert.equal(result.status, 500);
        assert.match(result.message, /GET_STATE failed: .*private data APIs are not allowed in chaincode Init\(\)/);
    });
});
