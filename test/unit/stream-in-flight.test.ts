// SPDX-License-Identifier: Apache-2.0
//
// The stream state machine with a transaction in flight: a ledger request pending while the
// peer answers it, fails it, sends something else or goes away. Over an in-memory connection.

import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { LedgerRequestError, StreamClosedError } from '../../src/shim/errors.ts';
import { error, success } from '../../src/shim/response.ts';
import type { Chaincode } from '../../src/shim/types.ts';
import { chaincodeInputCodec, getStateCodec, responseCodec } from '../../src/wire/codecs.ts';
import type { ChaincodeMessage__Output } from '../../src/wire/generated/protos/ChaincodeMessage.ts';
import { memoryStream, settle, type MemoryStream } from '../helpers/memory-stream.ts';

const CHANNEL = 'flight-channel';
const TXID = 'flight-tx-0001';

interface ReadingStream extends MemoryStream {
    /** What the chaincode's getState('k1') rejected with, once it has. */
    readonly failure: Promise<unknown>;
    /** The GET_STATE the chaincode sent; the transaction is now waiting for the peer. */
    readonly request: ChaincodeMessage__Output;
}

/** A ready stream whose transaction TXID is waiting for the answer to GET_STATE k1. */
async function streamWithPendingRead(t: TestContext): Promise<ReadingStream> {
    let reportFailure!: (err: unknown) => void;
    const failure = new Promise<unknown>((resolve) => (reportFailure = resolve));
    const reader: Chaincode = {
        Init: () => success(),
        Invoke: async (stub) => {
            try {
                return success(await stub.getState('k1'));
            } catch (err) {
                reportFailure(err);
                return error(err instanceof Error ? err.message : String(err));
            }
        },
    };
    const stream = memoryStream(reader);
    t.after(() => {
        stream.handler.close();
    });
    stream.handler.start();
    stream.deliver({ type: 'REGISTERED' });
    stream.deliver({ type: 'READY' });
    stream.connection.reset();
    stream.deliver({
        type: 'TRANSACTION',
        txid: TXID,
        channel_id: CHANNEL,
        payload: chaincodeInputCodec.encode({ args: [Buffer.from('read')] }),
    });
    const request = await stream.connection.waitFor('GET_STATE');
    assert.deepEqual([request.txid, request.channel_id], [TXID, CHANNEL]);
    assert.equal(getStateCodec.decode(request.payload).key, 'k1');
    assert.equal(stream.handler.inFlight, 1);
    stream.connection.reset();
    return { ...stream, failure, request };
}

async function completion(stream: MemoryStream): Promise<{ status: number; message: string; payload: string }> {
    const reply = await stream.connection.waitFor('COMPLETED');
    assert.deepEqual([reply.txid, reply.channel_id], [TXID, CHANNEL]);
    const response = responseCodec.decode(reply.payload);
    return { status: response.status, message: response.message, payload: response.payload.toString() };
}

describe('stream state machine: a transaction in flight', { timeout: 30_000 }, () => {
    test('RESPONSE resolves the pending request and the transaction answers COMPLETED 200', async (t) => {
        const stream = await streamWithPendingRead(t);
        stream.deliver({ type: 'RESPONSE', txid: TXID, channel_id: CHANNEL, payload: Buffer.from('value-1') });
        assert.deepEqual(await completion(stream), { status: 200, message: '', payload: 'value-1' });
        await settle();
        assert.deepEqual(
            stream.connection.sent.map((m) => m.type),
            ['COMPLETED'],
        );
        assert.equal(stream.handler.state, 'ready');
        assert.equal(stream.handler.inFlight, 0);
        assert.equal(stream.connection.ends, 0);
    });

    test('ERROR fails the pending request with LedgerRequestError; the stream stays ready', async (t) => {
        const stream = await streamWithPendingRead(t);
        stream.deliver({
            type: 'ERROR',
            txid: TXID,
            channel_id: CHANNEL,
            payload: Buffer.from('GET_STATE failed: no ledger context'),
        });
        const err = await stream.failure;
        assert.ok(err instanceof LedgerRequestError);
        assert.equal(err.message, 'GET_STATE failed: no ledger context');
        assert.deepEqual(await completion(stream), { status: 500, message: err.message, payload: '' });
        assert.equal(stream.handler.state, 'ready');
        assert.equal(stream.connection.ends, 0);
    });

    test('a RESPONSE for the same txid on another channel is dropped; the request stays pending', async (t) => {
        const stream = await streamWithPendingRead(t);
        stream.deliver({ type: 'RESPONSE', txid: TXID, channel_id: 'other-channel', payload: Buffer.from('wrong') });
        await settle();
        assert.deepEqual(stream.connection.sent, []);
        assert.equal(stream.handler.inFlight, 1);
        stream.deliver({ type: 'RESPONSE', txid: TXID, channel_id: CHANNEL, payload: Buffer.from('right') });
        assert.equal((await completion(stream)).payload, 'right');
    });

    test('KEEPALIVE is echoed without disturbing the pending request', async (t) => {
        const stream = await streamWithPendingRead(t);
        stream.deliver({ type: 'KEEPALIVE' });
        assert.deepEqual(
            stream.connection.sent.map((m) => m.type),
            ['KEEPALIVE'],
        );
        assert.equal(stream.handler.inFlight, 1);
        stream.deliver({ type: 'RESPONSE', txid: TXID, channel_id: CHANNEL, payload: Buffer.from('v') });
        assert.equal((await completion(stream)).status, 200);
    });

    test('a second TRANSACTION with the running (channel, txid) is refused with ERROR; the first one goes on', async (t) => {
        const stream = await streamWithPendingRead(t);
        stream.deliver({
            type: 'TRANSACTION',
            txid: TXID,
            channel_id: CHANNEL,
            payload: chaincodeInputCodec.encode({}),
        });
        const refusal = await stream.connection.waitFor('ERROR');
        assert.deepEqual([refusal.txid, refusal.channel_id], [TXID, CHANNEL]);
        assert.match(refusal.payload.toString(), /already running/);
        assert.equal(stream.handler.state, 'ready');
        assert.equal(stream.connection.ends, 0);
        stream.deliver({ type: 'RESPONSE', txid: TXID, channel_id: CHANNEL, payload: Buffer.from('v') });
        assert.equal((await completion(stream)).status, 200);
    });

    test('the stream closing fails the pending request with StreamClosedError and sends nothing', async (t) => {
        const stream = await streamWithPendingRead(t);
        stream.handler.close(new Error('the peer hung up'));
        const err = await stream.failure;
        assert.ok(err instanceof StreamClosedError);
        assert.match(err.message, /the peer hung up/);
        await settle();
        assert.deepEqual(stream.connection.sent, []);
        assert.equal(stream.handler.state, 'closed');
        assert.equal(stream.handler.inFlight, 0);
        assert.equal(stream.connection.ends, 0, 'the peer ended it; the handler does not end it again');
    });

    test('a second REGISTERED in ready is a protocol error: ERROR, stream ended, transaction abandoned', async (t) => {
        const stream = await streamWithPendingRead(t);
        stream.deliver({ type: 'REGISTERED' });
        assert.equal(stream.handler.state, 'closed');
        assert.equal(stream.connection.ends, 1);
        const err = await stream.failure;
        assert.ok(err instanceof StreamClosedError);
        assert.match(err.message, /abandoned/);
        await settle();
        assert.deepEqual(
            stream.connection.sent.map((m) => [m.type, m.payload.toString()]),
            [['ERROR', 'protocol error: REGISTERED is not allowed in state ready']],
        );
        assert.equal(stream.handler.inFlight, 0);
        assert.deepEqual(stream.streamErrors, ['protocol_violation']);
    });
});
