// SPDX-License-Identifier: Apache-2.0
//
// Malformed input, property-based: random and mutated ChaincodeMessages sent over live
// streams after the handshake, and raw frames below the ChaincodeMessage level that reach
// the server's deserializer. The process must never crash, every transaction must end with
// COMPLETED or ERROR (or its stream end cleanly), and a fresh stream must work afterwards.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import fc from 'fast-check';
import type { ChaincodeMessage, ChaincodeMessage__Output } from '../../src/wire/generated/protos/ChaincodeMessage.ts';
import type { SignedProposal } from '../../src/wire/generated/protos/SignedProposal.ts';
import { chaincodeInputCodec } from '../../src/wire/codecs.ts';
import { transactionKey } from '../../src/testing/transaction-key.ts';
import type { FakePeer } from '../../src/testing/fake-peer.ts';
import { buildSignedProposal, type CreatorIdentity } from '../../src/testing/proposal-builder.ts';
import { probeChaincode } from '../fixtures/probe-chaincode.ts';
import {
    createCreator,
    encodeMessage,
    openRawCall,
    rawClient,
    recordStrayErrors,
    serve,
    within,
    type StrayErrors,
} from './support.ts';

/** Property runs; each sends one batch to each of STREAMS streams (about 100 messages), or RAW_PER_RUN raw frames. */
const MESSAGE_RUNS = 120;
const STREAMS = 4;
const RAW_RUNS = 150;
const RAW_PER_RUN = 40;

let stray: StrayErrors;
let creator: CreatorIdentity;
let proposals: SignedProposal[];

before(async () => {
    stray = recordStrayErrors();
    creator = await createCreator();
    proposals = ['echo', 'get', 'creator'].map(
        (fn) =>
            buildSignedProposal({ channelId: 'mychannel', chaincodeName: 'basic', args: [Buffer.from(fn)], creator })
                .signedProposal,
    );
});

after(() => {
    stray.stop();
});

/** Byte-level damage: overwritten bytes, then a cut, then appended garbage. */
const mutation = fc.record({
    flips: fc.array(fc.record({ at: fc.nat(), byte: fc.integer({ min: 0, max: 255 }) }), { maxLength: 4 }),
    cut: fc.option(fc.nat()),
    tail: fc.uint8Array({ maxLength: 8 }),
});

type ValueOf<A> = A extends fc.Arbitrary<infer T> ? T : never;

function mutate(bytes: Uint8Array, { flips, cut, tail }: ValueOf<typeof mutation>): Buffer {
    const damaged = Buffer.from(bytes);
    for (const { at, byte } of flips) {
        if (damaged.length > 0) {
            damaged[at % damaged.length] = byte;
        }
    }
    const kept = cut === null ? damaged : damaged.subarray(0, cut % (damaged.length + 1));
    return Buffer.concat([kept, tail]);
}

const text = fc.string({ maxLength: 12 });
const channel = fc.oneof({ arbitrary: fc.constant('mychannel'), weight: 3 }, { arbitrary: text, weight: 1 });
const functionName = fc.oneof(
    fc.constantFrom('echo', 'get', 'put', 'del', 'getThree', 'throw', 'reject', 'noStatus', 'statusZero'),
    fc.constantFrom('creator', 'transient', 'event', 'eventThenFail', 'size', 'channel'),
    text,
);
const validInput = fc
    .record({
        fn: functionName,
        args: fc.array(fc.oneof(text, fc.uint8Array({ maxLength: 16 })), { maxLength: 4 }),
        isInit: fc.boolean(),
    })
    .map(({ fn, args, isInit }) =>
        chaincodeInputCodec.encode({ args: [Buffer.from(fn), ...args.map((a) => Buffer.from(a))], is_init: isInit }),
    );
const inputPayload = fc.oneof(
    { arbitrary: validInput, weight: 3 },
    { arbitrary: fc.tuple(validInput, mutation).map(([bytes, m]) => mutate(bytes, m)), weight: 3 },
    { arbitrary: fc.uint8Array({ maxLength: 64 }), weight: 1 },
);
const proposal = fc.oneof(
    fc.constant(null),
    fc.nat().map((i) => proposals[i % proposals.length] ?? null),
    fc.tuple(fc.nat(), mutation).map(([i, m]): SignedProposal => {
        const base = proposals[i % proposals.length];
        return { proposal_bytes: mutate(Buffer.from(base?.proposal_bytes ?? []), m), signature: base?.signature };
    }),
    fc.record({ proposal_bytes: fc.uint8Array({ maxLength: 64 }), signature: fc.uint8Array({ maxLength: 8 }) }),
);

/** A TRANSACTION or INIT; the txid gets a unique suffix when sent, so each one can be followed. */
const transaction = fc.record({
    type: fc.constantFrom('TRANSACTION' as const, 'INIT' as const),
    txid: text,
    channel_id: channel,
    payload: inputPayload,
    proposal,
});
/** Messages a ready stream survives: transactions, replies for no pending request, keepalives. */
const survivable = fc.oneof(
    { arbitrary: transaction, weight: 4 },
    {
        arbitrary: fc.record({
            type: fc.constantFrom('RESPONSE' as const, 'ERROR' as const, 'KEEPALIVE' as const),
            txid: text,
            channel_id: channel,
            payload: fc.uint8Array({ maxLength: 32 }),
        }),
        weight: 2,
    },
);
/** Messages that end a ready stream: the handshake again, chaincode-only types, unknown type numbers. */
const fatal = fc.record({
    type: fc.oneof(
        fc.constantFrom('UNDEFINED', 'REGISTER', 'REGISTERED', 'READY', 'COMPLETED', 'GET_STATE', 'PUT_STATE'),
        fc.integer({ min: 26, max: 2 ** 31 - 1 }),
        fc.integer({ min: -1000, max: -1 }),
        fc.constantFrom(12, 19, 20, 21, 22, 23, 24, 25),
    ),
    txid: text,
    channel_id: channel,
    payload: fc.uint8Array({ maxLength: 32 }),
});
const streamBatch = fc.record({
    messages: fc.array(survivable, { minLength: 10, maxLength: 40 }),
    ending: fc.option(fatal, { freq: 4 }),
});

let fuzzInputs = 0;

const isFinal = (m: ChaincodeMessage__Output): boolean => m.type === 'COMPLETED' || m.type === 'ERROR';

test('random and mutated ChaincodeMessages never crash the server and every transaction is answered', async (t) => {
    const { connectPeer, server, until } = await serve(t, probeChaincode(), { creator });
    const pool = await Promise.all(Array.from({ length: STREAMS }, () => connectPeer()));
    const tally = { inputs: 0, transactions: 0, answered: 0, endedStreams: 0 };
    const retired: FakePeer[] = [];
    let sequence = 0;

    /** Sends one batch on one stream and checks what came back. */
    const runBatch = async (index: number, batch: ValueOf<typeof streamBatch>): Promise<void> => {
        const peer = pool[index] as FakePeer;
        const sent: string[] = [];
        for (const message of batch.messages) {
            const wire: ChaincodeMessage = { ...message };
            if (message.type === 'TRANSACTION' || message.type === 'INIT') {
                wire.txid = `${message.txid}#${sequence++}`;
                sent.push(transactionKey(message.channel_id, wire.txid));
            }
            peer.send(wire);
        }
        tally.inputs += batch.messages.length;
        tally.transactions += sent.length;
        if (batch.ending !== null) {
            peer.send(batch.ending as ChaincodeMessage);
            tally.inputs++;
            await within(peer.ended, 'a stream ended by a protocol error to close');
            const errors = peer.received.filter((m) => m.type === 'ERROR').map((m) => m.payload.toString());
            assert.ok(
                errors.some((e) => e.startsWith('protocol error:')),
                'the stream ended without saying why',
            );
            tally.endedStreams++;
            pool[index] = await connectPeer();
            retired.push(peer);
        } else {
            const probe = await within(peer.invoke(['echo', 'probe']), 'the probe transaction');
            assert.equal(probe.payload.toString(), 'probe');
        }
        const ended = peer.ended.then(() => undefined);
        for (const key of sent) {
            const answer = peer.waitFor((m) => isFinal(m) && transactionKey(m.channel_id, m.txid) === key);
            if ((await within(Promise.race([answer, ended]), `an answer to ${key}`)) !== undefined) {
                tally.answered++;
            }
        }
    };

    const started = performance.now();
    await fc.assert(
        fc.asyncProperty(fc.array(streamBatch, { minLength: STREAMS, maxLength: STREAMS }), async (batches) => {
            await Promise.all(batches.map((batch, i) => runBatch(i, batch)));
        }),
        { numRuns: MESSAGE_RUNS, endOnFailure: true },
    );
    await until(() => server.inFlight === 0, 'every fuzzed transaction to end');
    console.log(
        `# fuzz ChaincodeMessages: ${tally.inputs} inputs, ${tally.transactions} transactions ` +
            `(${tally.answered} answered, the rest on streams a protocol error ended), ` +
            `${tally.endedStreams} streams ended by protocol errors, ${Math.round(performance.now() - started)} ms`,
    );
    fuzzInputs += tally.inputs;
    assert.ok(tally.inputs >= 9_000, `only ${tally.inputs} inputs`);
    assert.ok(tally.answered > tally.transactions / 2, 'most transactions should reach an answer');
    // The fake peer never registered the fuzzed transactions, so it notes their answers as unknown; nothing else.
    const violations = [...retired, ...pool]
        .flatMap((peer) => peer.violations)
        .filter((v) => !/for unknown transaction/.test(v));
    assert.deepEqual(violations, []);
    await expectFreshStreamWorks(connectPeer);
    assert.deepEqual(await stray.settle(), []);
});

/** Raw frames: random bytes, or a ChaincodeMessage's encoding damaged, with or without the handshake first. */
const rawFrame = fc.record({
    handshake: fc.boolean(),
    bytes: fc.oneof(
        fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes)),
        fc
            .tuple(fc.oneof(survivable, fatal), mutation)
            .map(([m, damage]) => mutate(encodeMessage(m as ChaincodeMessage), damage)),
    ),
});

test('random and truncated raw frames reach the deserializer and every stream ends cleanly', async (t) => {
    const { server, address, until, connectPeer } = await serve(t, probeChaincode(), { creator });
    const client = rawClient(t, address);
    const statuses = new Map<string, number>();
    const handshake = [encodeMessage({ type: 'REGISTERED' }), encodeMessage({ type: 'READY' })];
    let inputs = 0;

    const started = performance.now();
    await fc.assert(
        fc.asyncProperty(fc.array(rawFrame, { minLength: RAW_PER_RUN, maxLength: RAW_PER_RUN }), async (frames) => {
            await Promise.all(
                frames.map(async ({ handshake: greet, bytes }) => {
                    const raw = openRawCall(client);
                    for (const frame of greet ? [...handshake, bytes] : [bytes]) {
                        raw.call.write(frame);
                    }
                    raw.call.end();
                    const { code } = await within(raw.status, 'a raw stream to end');
                    const name = grpc.status[code];
                    statuses.set(name, (statuses.get(name) ?? 0) + 1);
                    assert.ok(code === grpc.status.OK || code === grpc.status.INTERNAL, `stream ended with ${name}`);
                }),
            );
            inputs += frames.length;
        }),
        { numRuns: RAW_RUNS, endOnFailure: true },
    );
    await until(() => server.openStreams === 0 && server.inFlight === 0, 'every raw stream to close');
    console.log(
        `# fuzz raw frames: ${inputs} inputs, stream endings ${JSON.stringify(Object.fromEntries(statuses))}, ` +
            `${Math.round(performance.now() - started)} ms`,
    );
    fuzzInputs += inputs;
    assert.ok(inputs >= 6_000, `only ${inputs} inputs`);
    await expectFreshStreamWorks(connectPeer);
    assert.deepEqual(await stray.settle(), []);
});

test('the fuzzing fed the server at least 10,000 inputs', () => {
    console.log(`# fuzz inputs: ${fuzzInputs}`);
    assert.ok(fuzzInputs >= 10_000, `only ${fuzzInputs} fuzz inputs`);
});

/** A normal transaction on a fresh stream of the fuzzed server. */
async function expectFreshStreamWorks(connectPeer: () => Promise<FakePeer>): Promise<void> {
    const peer = await connectPeer();
    peer.ledger.set('asset1', 'blue');
    const result = await within(peer.invoke(['get', 'asset1']), 'a normal transaction');
    assert.deepEqual([result.type, result.status, result.payload.toString()], ['COMPLETED', 200, 'blue']);
}
