// SPDX-License-Identifier: Apache-2.0
//
// A frame that does not decode as a ChaincodeMessage, arriving on streams with transactions in
// flight and ledger answers around it: every stream is answered with ERROR and ended with
// INVALID_ARGUMENT, counted once as a decode error, and nothing stays open or in flight.
// Repeated over many streams at once, so a race between the status and the transactions'
// own writes would show.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import { chaincodeInputCodec } from '../../src/wire/codecs.ts';
import type { CreatorIdentity } from '../../src/testing/proposal-builder.ts';
import { probeChaincode } from '../fixtures/probe-chaincode.ts';
import {
    createCreator,
    decodeMessage,
    encodeMessage,
    openRawCall,
    rawClient,
    recordStrayErrors,
    serve,
    within,
    type RawCall,
    type StrayErrors,
} from './support.ts';

const STREAMS = 30;
const IN_FLIGHT = 3;
/** Field 3 (payload) announcing 5 bytes and carrying none: no protobuf parser accepts it. */
const UNDECODABLE = Buffer.from([0x1a, 0x05]);

let stray: StrayErrors;
let creator: CreatorIdentity;

before(async () => {
    stray = recordStrayErrors();
    creator = await createCreator();
});

after(() => {
    stray.stop();
});

/** Resolves once `raw` has received `count` messages of `type`. */
function received(raw: RawCall, type: string, count: number): Promise<void> {
    const seen = (): boolean => raw.received.filter((bytes) => decodeMessage(bytes).type === type).length >= count;
    return new Promise((resolve) => {
        const check = (): void => {
            if (seen()) {
                raw.call.off('data', check);
                resolve();
            }
        };
        raw.call.on('data', check);
        check();
    });
}

/** Opens STREAMS raw streams, each through the handshake and then IN_FLIGHT transactions, the i-th calling `fn(i)`. */
function openReadyStreams(client: grpc.Client, fn: (i: number) => string): RawCall[] {
    const calls = Array.from({ length: STREAMS }, () => openRawCall(client));
    for (const [s, raw] of calls.entries()) {
        raw.call.write(encodeMessage({ type: 'REGISTERED' }));
        raw.call.write(encodeMessage({ type: 'READY' }));
        for (let i = 0; i < IN_FLIGHT; i++) {
            raw.call.write(
                encodeMessage({
                    type: 'TRANSACTION',
                    txid: `tx${String(s)}-${String(i)}`,
                    channel_id: 'mychannel',
                    payload: chaincodeInputCodec.encode({ args: [Buffer.from(fn(i)), Buffer.from(`k${String(i)}`)] }),
                }),
            );
        }
    }
    return calls;
}

/** Every stream ended with INVALID_ARGUMENT, its last message the one ERROR answering the bad frame. */
async function expectEveryStreamRefused(calls: readonly RawCall[]): Promise<void> {
    const statuses = await within(Promise.all(calls.map((raw) => raw.status)), 'every stream to end with a status');
    for (const [s, status] of statuses.entries()) {
        assert.equal(grpc.status[status.code], 'INVALID_ARGUMENT', `stream ${String(s)}: ${status.details}`);
        assert.match(status.details, /did not decode/);
        const messages = calls[s]?.received.map(decodeMessage) ?? [];
        const errors = messages.filter((m) => m.type === 'ERROR');
        assert.equal(errors.length, 1, `stream ${String(s)} answered the bad frame with one ERROR`);
        assert.equal(messages.at(-1), errors[0], `stream ${String(s)}: nothing written after the ERROR`);
        assert.match(errors[0]?.payload.toString() ?? '', /did not decode/);
    }
}

test('an undecodable frame among transactions waiting on the ledger ends every stream with ERROR and INVALID_ARGUMENT', async (t) => {
    const { server, address, streamErrors, until, connectPeer } = await serve(t, probeChaincode(), { creator });
    const calls = openReadyStreams(rawClient(t, address), () => 'get');
    await within(
        Promise.all(calls.map((raw) => received(raw, 'GET_STATE', IN_FLIGHT))),
        'every transaction to wait on its ledger read',
    );
    assert.equal(server.inFlight, STREAMS * IN_FLIGHT);

    // On odd streams the bad frame comes between two ledger answers, in the same burst, so
    // transactions complete while it is refused; on even streams it comes alone.
    for (const [s, raw] of calls.entries()) {
        const answer = (i: number): Buffer =>
            encodeMessage({ type: 'RESPONSE', txid: `tx${String(s)}-${String(i)}`, channel_id: 'mychannel' });
        const burst = s % 2 === 1 ? [answer(0), UNDECODABLE, answer(1)] : [UNDECODABLE];
        for (const frame of burst) {
            raw.call.write(frame);
        }
    }

    await expectEveryStreamRefused(calls);
    await until(() => server.openStreams === 0 && server.inFlight === 0, 'every stream to close');
    assert.deepEqual(streamErrors, Array<string>(STREAMS).fill('decode_error'));
    const fresh = await connectPeer();
    assert.equal((await within(fresh.invoke(['echo', 'after']), 'a fresh transaction')).payload.toString(), 'after');
    assert.deepEqual(await stray.settle(), []);
});

test('an undecodable frame while transactions are about to write ends every stream with a status', async (t) => {
    // One transaction per stream answers at once; the others are held before their ledger read
    // and let go on the next turn of the event loop, while the bad frames arrive, so each
    // stream's refusal races their writes (before the fix, no stream got a status this way).
    let open = (): void => undefined;
    const gate = new Promise<void>((resolve) => {
        open = resolve;
    });
    const { server, address, streamErrors, until, started } = await serve(t, probeChaincode({ gate }), { creator });
    const calls = openReadyStreams(rawClient(t, address), (i) => (i === 0 ? 'echo' : 'wait'));
    await until(() => started() === STREAMS * IN_FLIGHT, 'every transaction to start');
    for (const raw of calls) {
        raw.call.write(UNDECODABLE);
    }
    setImmediate(open);

    await expectEveryStreamRefused(calls);
    await until(() => server.openStreams === 0 && server.inFlight === 0, 'every stream to close');
    assert.deepEqual(streamErrors, Array<string>(STREAMS).fill('decode_error'));
    assert.deepEqual(await stray.settle(), []);
});
