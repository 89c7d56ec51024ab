// SPDX-License-Identifier: Apache-2.0
//
// Fabric 3.1 batching over real gRPC: writes leave as WRITE_BATCH_STATE and multi-key reads
// as GET_STATE_MULTIPLE only when READY offered them, within the advertised sizes.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { getStateMultipleCodec, writeBatchStateCodec } from '../../src/wire/codecs.ts';
import { scriptChaincode, text } from '../fixtures/script-chaincode.ts';
import { startServer } from '../helpers/server.ts';

const utf8 = (value: string): Buffer => Buffer.from(value, 'utf8');
const batching = (size: number) => ({ useWriteBatch: true, maxSizeWriteBatch: size }) as const;
const multiGet = (size: number) => ({ useGetMultipleKeys: true, maxSizeGetMultipleKeys: size }) as const;

const writer = scriptChaincode({
    writeMany: async (stub, [count = '0']) => {
        for (let i = 0; i < Number(count); i++) {
            await stub.putState(`k${i}`, utf8(`v${i}`));
        }
    },
    mixed: async (stub) => {
        await stub.putState('a', utf8('1'));
        await stub.putState('b', utf8('2'));
        await stub.putState('a', utf8('3'));
        await stub.deleteState('b');
        await stub.setStateValidationParameter('a', utf8('ep'));
        await stub.putPrivateData('secrets', 'a', utf8('private'));
    },
    readMany: async (stub, [count = '0']) => {
        const keys = Array.from({ length: Number(count) }, (_, i) => `k${i}`);
        const values = await stub.getMultipleStates(...keys);
        return values.map(text).join(',');
    },
    readPrivate: async (stub) => (await stub.getMultiplePrivateData('secrets', 'p1', 'p2')).map(text).join(','),
    unawaitedAfterBatch: async (stub) => {
        await stub.putState('a', utf8('batched'));
        // Neither awaited: both must reach the peer behind the batch, in call order.
        const first = stub.putState('_k', utf8('v1'));
        const second = stub.putState('_k', utf8('v2'));
        const range = stub.getPrivateDataByRange('secrets', '', '');
        await Promise.all([first, second, range]);
    },
    pageThenWrite: async (stub) => {
        await stub.getStateByRangeWithPagination('', '', 1);
        await stub.putState('late', utf8('write'));
    },
});

describe('write batching', () => {
    test('with 3.1 capabilities, writes leave as one WRITE_BATCH_STATE before COMPLETED', async (t) => {
        const { connectPeer } = await startServer(t, writer);
        const peer = await connectPeer({ ready: batching(1000) });
        const result = await peer.invoke(['writeMany', '3']);
        assert.equal(result.status, 200);
        assert.deepEqual(
            result.requests.map((m) => m.type),
            ['WRITE_BATCH_STATE'],
        );
        const batch = writeBatchStateCodec.decode(result.requests[0]!.payload);
        assert.deepEqual(
            batch.rec.map((r) => [r.type, r.key, r.value.toString(), r.collection]),
            [
                ['PUT_STATE', 'k0', 'v0', ''],
                ['PUT_STATE', 'k1', 'v1', ''],
                ['PUT_STATE', 'k2', 'v2', ''],
            ],
        );
        assert.equal(peer.ledger.get('k2')?.toString(), 'v2');
        assert.deepEqual(peer.violations, []);
    });

    test('keeps only the last data write and the last metadata write per collection and key', async (t) => {
        const { connectPeer } = await startServer(t, writer);
        const peer = await connectPeer({ ready: batching(1000) });
        const result = await peer.invoke(['mixed']);
        // A private write goes at once (the peer checks it against the collection), after the buffered ones.
        assert.deepEqual(
            result.requests.map((m) => m.type),
            ['WRITE_BATCH_STATE', 'PUT_STATE'],
        );
        const records = writeBatchStateCodec.decode(result.requests[0]!.payload).rec;
        assert.deepEqual(
            records.map((r) => [r.type, r.collection, r.key, r.value.toString(), r.metadata?.metakey ?? null]),
            [
                ['PUT_STATE', '', 'a', '3', null],
                ['DEL_STATE', '', 'b', '', null],
                ['PUT_STATE_METADATA', '', 'a', '', 'VALIDATION_PARAMETER'],
            ],
        );
        assert.equal(peer.ledger.get('a')?.toString(), '3');
        assert.equal(peer.ledger.metadata('a').get('VALIDATION_PARAMETER')?.toString(), 'ep');
        assert.equal(peer.ledger.get('a', 'secrets')?.toString(), 'private');
    });

    test('splits a batch larger than the advertised size', async (t) => {
        const { connectPeer } = await startServer(t, writer);
        const peer = await connectPeer({ ready: batching(120) });
        const result = await peer.invoke(['writeMany', '250']);
        assert.deepEqual(
            result.requests.map((m) => [m.type, writeBatchStateCodec.decode(m.payload).rec.length]),
            [
                ['WRITE_BATCH_STATE', 120],
                ['WRITE_BATCH_STATE', 120],
                ['WRITE_BATCH_STATE', 10],
            ],
        );
        assert.equal(peer.ledger.keys().length, 250);
    });

    test('raises an advertised size below 100 to 100, as the Go shim does', async (t) => {
        const { connectPeer } = await startServer(t, writer);
        const peer = await connectPeer({ ready: batching(10) });
        const result = await peer.invoke(['writeMany', '150']);
        assert.deepEqual(
            result.requests.map((m) => writeBatchStateCodec.decode(m.payload).rec.length),
            [100, 50],
        );
    });

    test('without capabilities, writes go out one PUT_STATE at a time', async (t) => {
        const { connectPeer } = await startServer(t, writer);
        const peer = await connectPeer();
        const result = await peer.invoke(['writeMany', '3']);
        assert.deepEqual(
            result.requests.map((m) => m.type),
            ['PUT_STATE', 'PUT_STATE', 'PUT_STATE'],
        );
    });

    test('never sends WRITE_BATCH_STATE when READY offered only multi-key reads', async (t) => {
        const { connectPeer } = await startServer(t, writer);
        const peer = await connectPeer({ ready: multiGet(100) });
        const result = await peer.invoke(['writeMany', '2']);
        assert.deepEqual(
            result.requests.map((m) => m.type),
            ['PUT_STATE', 'PUT_STATE'],
        );
    });

    test('after a paginated query writes are not batched: the peer refuses one at the call, as without batching', async (t) => {
        const { connectPeer } = await startServer(t, writer);
        const peer = await connectPeer({ ready: batching(100) });
        const result = await peer.invoke(['pageThenWrite']);
        assert.equal(result.type, 'COMPLETED');
        assert.equal(result.status, 500);
        assert.match(result.message, /^PUT_STATE failed: .*writes are not allowed after a paginated query/);
        assert.deepEqual(
            result.requests.map((m) => m.type),
            ['GET_STATE_BY_RANGE', 'PUT_STATE'],
        );
        assert.equal(peer.ledger.get('late'), undefined);
    });

    test('writes sent at once keep call order behind the batch, awaited or not', async (t) => {
        const { connectPeer } = await startServer(t, writer);
        const peer = await connectPeer({ ready: batching(1000) });
        const result = await peer.invoke(['unawaitedAfterBatch']);
        assert.equal(result.status, 200);
        assert.deepEqual(
            result.requests.map((m) => m.type),
            ['WRITE_BATCH_STATE', 'PUT_STATE', 'PUT_STATE', 'GET_STATE_BY_RANGE'],
        );
        assert.equal(peer.ledger.get('_k')?.toString(), 'v2');
        assert.deepEqual(peer.violations, []);
    });

    test('keys and values a state database may refuse are sent at once, not batched', async (t) => {
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                write: async (stub) => {
                    await stub.putState('plain', utf8('1'));
                    await stub.putState('_design', utf8('2'));
                    await stub.putState('doc', utf8('{"_id":"x"}'));
                    await stub.putState('last', utf8('3'));
                },
            }),
        );
        const peer = await connectPeer({ ready: batching(100) });
        const result = await peer.invoke(['write']);
        assert.deepEqual(
            result.requests.map((m) => m.type),
            ['WRITE_BATCH_STATE', 'PUT_STATE', 'PUT_STATE', 'WRITE_BATCH_STATE'],
        );
        assert.deepEqual(
            ['plain', '_design', 'doc', 'last'].map((key) => peer.ledger.get(key)?.toString()),
            ['1', '2', '{"_id":"x"}', '3'],
        );
    });
});

describe('multi-key reads', () => {
    test('with 3.1 capabilities, getMultipleStates sends GET_STATE_MULTIPLE in advertised chunks', async (t) => {
        const { connectPeer } = await startServer(t, writer);
        const peer = await connectPeer({ ready: multiGet(100) });
        for (let i = 0; i < 150; i += 2) {
            peer.ledger.set(`k${i}`, `v${i}`);
        }
        const result = await peer.invoke(['readMany', '150']);
        assert.deepEqual(
            result.requests.map((m) => [m.type, getStateMultipleCodec.decode(m.payload).keys.length]),
            [
                ['GET_STATE_MULTIPLE', 100],
                ['GET_STATE_MULTIPLE', 50],
            ],
        );
        const values = result.payload.toString().split(',');
        assert.equal(values.length, 150);
        assert.deepEqual(values.slice(0, 3), ['v0', '', 'v2']);
        assert.equal(values[148], 'v148');
    });

    test('getMultiplePrivateData carries the collection', async (t) => {
        const { connectPeer } = await startServer(t, writer);
        const peer = await connectPeer({ ready: multiGet(100) });
        peer.ledger.set('p2', 'two', 'secrets');
        const result = await peer.invoke(['readPrivate']);
        assert.equal(result.payload.toString(), ',two');
        assert.deepEqual(getStateMultipleCodec.decode(result.requests[0]!.payload), {
            keys: ['p1', 'p2'],
            collection: 'secrets',
        });
    });

    test('without capabilities, getMultipleStates sends one GET_STATE per key', async (t) => {
        const { connectPeer } = await startServer(t, writer);
        const peer = await connectPeer({ ready: batching(100) });
        peer.ledger.set('k1', 'one');
        const result = await peer.invoke(['readMany', '3']);
        assert.equal(result.payload.toString(), ',one,');
        assert.deepEqual(
            result.requests.map((m) => m.type),
            ['GET_STATE', 'GET_STATE', 'GET_STATE'],
        );
        assert.deepEqual(peer.violations, []);
    });
});
