// SPDX-License-Identifier: Apache-2.0
//
// Faults over real sockets: the peer's stream cancelled in every phase, a thousand
// concurrent transactions, a chaincode that never returns, the execute timeout, an
// oversized message and a peer that restarts. The process must survive all of them.

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import pino from 'pino';
import type { ChaincodeMessage__Output } from '../../src/wire/generated/protos/ChaincodeMessage.ts';
import { chaincodeInputCodec } from '../../src/wire/codecs.ts';
import { success } from '../../src/shim/response.ts';
import { StreamHandler } from '../../src/shim/stream-handler.ts';
import type { TransactionOutcome } from '../../src/shim/stream-observers.ts';
import type { Chaincode, ChaincodeResponse, ChaincodeStub } from '../../src/shim/types.ts';
import { TEST_PACKAGE_ID, type CreatorIdentity } from '../../src/testing/index.ts';
import { probeChaincode } from '../fixtures/probe-chaincode.ts';
import { gate } from '../helpers/server.ts';
import {
    createCreator,
    decodeMessage,
    encodeMessage,
    openRawCall,
    rawClient,
    recordStrayErrors,
    serve,
    within,
    type StrayErrors,
} from './support.ts';

let stray: StrayErrors;
let creator: CreatorIdentity;

before(async () => {
    stray = recordStrayErrors();
    creator = await createCreator();
});

after(() => {
    stray.stop();
});

interface FaultHooks {
    /** Awaited by `late` before it returns. */
    readonly release?: Promise<void>;
    /** Receives what the stub call of `hang read` or `late read` did. */
    readonly onStubResult?: (result: Uint8Array | Error) => void;
    /** Called just before `late` returns. */
    readonly onReturn?: () => void;
}

/** The probe chaincode plus `hang` (never returns) and `late` (returns once released); `read` makes a ledger call first. */
function faultChaincode(hooks: FaultHooks = {}): Chaincode {
    const probe = probeChaincode();
    const read = async (stub: ChaincodeStub): Promise<void> => {
        try {
            hooks.onStubResult?.(await stub.getState('k'));
        } catch (err) {
            hooks.onStubResult?.(err instanceof Error ? err : new Error(String(err)));
        }
    };
    const invoke = async (stub: ChaincodeStub): Promise<ChaincodeResponse> => {
        const { fcn, params } = stub.getFunctionAndParameters();
        if (fcn !== 'hang' && fcn !== 'late') {
            return probe.Invoke(stub);
        }
        if (params[0] === 'read') {
            await read(stub);
        }
        if (fcn === 'hang') {
            return new Promise<never>(() => undefined);
        }
        await hooks.release;
        hooks.onReturn?.();
        return success(Buffer.from('late'));
    };
    return { Init: invoke, Invoke: invoke };
}

const isFinalFor = (txId: string) => (m: ChaincodeMessage__Output) =>
    m.txid === txId && (m.type === 'COMPLETED' || m.type === 'ERROR');

describe('a stream cancelled by the peer', () => {
    for (const { phase, registered } of [
        { phase: 'before REGISTERED', registered: false },
        { phase: 'between REGISTERED and READY', registered: true },
    ]) {
        test(`${phase} leaves no stream open, and the next stream works`, async (t) => {
            const { server, connectPeer, until } = await serve(t, faultChaincode(), { creator });
            const peer = await connectPeer({ handshake: false });
            if (registered) {
                peer.send({ type: 'REGISTERED' });
            }
            assert.equal(server.openStreams, 1);
            peer.close();
            await until(() => server.openStreams === 0, 'the stream to close');
            const next = await connectPeer();
            assert.equal((await within(next.invoke(['echo', 'next']), 'echo')).payload.toString(), 'next');
            assert.deepEqual(await stray.settle(), []);
        });
    }

    test('while a ledger request waits fails the stub call, ends the transaction, and the next stream works', async (t) => {
        const results: (Uint8Array | Error)[] = [];
        const release = gate();
        t.after(() => {
            release.open();
        });
        const chaincode = faultChaincode({ release: release.promise, onStubResult: (r) => results.push(r) });
        const { server, connectPeer, until, outcomes } = await serve(t, chaincode, { creator });
        const peer = await connectPeer({ answerRequests: false });
        void peer.invoke(['late', 'read']).catch(() => undefined); // rejected by close() below
        await within(
            peer.waitFor((m) => m.type === 'GET_STATE'),
            'GET_STATE',
        );
        assert.equal(server.inFlight, 1);
        peer.close();
        await until(() => outcomes.length === 1 && server.openStreams === 0, 'the transaction to end');
        assert.equal(server.inFlight, 0);
        assert.ok(results[0] instanceof Error);
        assert.match(results[0].message, /stream closed/);
        const next = await connectPeer();
        assert.equal((await within(next.invoke(['echo', 'again']), 'echo')).status, 200);
        assert.deepEqual(await stray.settle(), []);
    });

    test('just after COMPLETED leaves nothing in flight, and the next stream works', async (t) => {
        const { server, connectPeer, until, outcomes } = await serve(t, faultChaincode(), { creator });
        const peer = await connectPeer();
        const done = peer.invoke(['echo', 'last'], { txId: 'last' });
        await within(peer.waitFor(isFinalFor('last')), 'COMPLETED');
        peer.close();
        assert.equal((await done).payload.toString(), 'last');
        await until(() => server.openStreams === 0, 'the stream to close');
        assert.deepEqual([server.inFlight, outcomes.length, outcomes[0]?.ok], [0, 1, true]);
        const next = await connectPeer();
        assert.equal((await within(next.invoke(['echo', 'again']), 'echo')).status, 200);
        assert.deepEqual(await stray.settle(), []);
    });
});

describe('load', () => {
    test('1,000 concurrent transactions over 4 streams all complete with their own payloads', async (t) => {
        const { server, connectPeer, outcomes } = await serve(t, faultChaincode(), { creator });
        const peers = await Promise.all([0, 1, 2, 3].map(() => connectPeer()));
        peers.forEach((peer, p) => {
            peer.ledger.set('k', `stream ${p}`);
        });
        const started = performance.now();
        const runs = peers.flatMap((peer, p) =>
            Array.from({ length: 250 }, async (_, i) => {
                const args = i % 2 === 0 ? ['echo', `${p}-${i}`] : ['get', 'k'];
                const expected = i % 2 === 0 ? `${p}-${i}` : `stream ${p}`;
                const result = await peer.invoke(args);
                return result.status === 200 && result.payload.toString() === expected;
            }),
        );
        const correct = await within(Promise.all(runs), '1,000 transactions');
        console.log(`# 1000 transactions over 4 streams in ${Math.round(performance.now() - started)} ms`);
        assert.equal(correct.filter(Boolean).length, 1000);
        assert.equal(outcomes.filter((o) => o.ok).length, 1000);
        assert.equal(server.inFlight, 0);
        assert.deepEqual(
            peers.map((peer) => peer.violations),
            [[], [], [], []],
        );
    });
});

describe('a chaincode that never returns', () => {
    test('is abandoned when its stream ends: its stub call rejects and nothing stays in flight', async (t) => {
        const results: (Uint8Array | Error)[] = [];
        const { server, connectPeer, until, outcomes, started } = await serve(
            t,
            faultChaincode({ onStubResult: (r) => results.push(r) }),
            { creator },
        );
        const peer = await connectPeer({ answerRequests: false });
        void peer.invoke(['hang', 'read']).catch(() => undefined); // rejected by close() below
        await within(
            peer.waitFor((m) => m.type === 'GET_STATE'),
            'GET_STATE',
        );
        assert.deepEqual([server.inFlight, started()], [1, 1]);
        peer.close();
        await until(() => outcomes.length === 1, 'the abandoned transaction to be counted as ended');
        assert.ok(results[0] instanceof Error);
        assert.match(results[0].message, /stream closed/);
        assert.deepEqual([server.inFlight, server.openStreams, outcomes[0]?.ok], [0, 0, false]);
        assert.deepEqual(await stray.settle(), []);
    });

    test("leaves the stream handler's transaction table empty once its stream closes", async () => {
        const outcomes: TransactionOutcome[] = [];
        const ended = gate();
        const sent: string[] = [];
        const handler = new StreamHandler({
            chaincodeId: TEST_PACKAGE_ID,
            chaincode: faultChaincode(),
            logger: pino({ level: 'silent' }),
            connection: {
                send: (message) => {
                    sent.push(String(message.type));
                },
                end: () => undefined,
            },
            observers: {
                onTransactionEnd: (outcome) => {
                    outcomes.push(outcome);
                    ended.open();
                },
            },
        });
        handler.start();
        handler.handle(peerMessage('REGISTERED'));
        handler.handle(peerMessage('READY'));
        handler.handle(peerMessage('TRANSACTION', chaincodeInputCodec.encode({ args: [Buffer.from('hang')] })));
        assert.equal(handler.inFlight, 1);
        handler.close(new Error('the peer went away'));
        await within(ended.promise, 'the abandoned transaction to end');
        assert.deepEqual([handler.inFlight, handler.state, outcomes.length, outcomes[0]?.ok], [0, 'closed', 1, false]);
        assert.deepEqual(sent, ['REGISTER']);
    });
});

describe('the execute timeout', () => {
    test('answers a transaction still running with COMPLETED 500 naming the timeout, once, and drops its late result', async (t) => {
        const release = gate();
        const returned = gate();
        t.after(() => {
            release.open();
        });
        const chaincode = faultChaincode({
            release: release.promise,
            onReturn: () => {
                returned.open();
            },
        });
        const { server, connectPeer, outcomes, until } = await serve(t, chaincode, { creator, executeTimeoutMs: 200 });
        const peer = await connectPeer();
        const result = await within(peer.invoke(['late'], { txId: 'slow' }), 'the timeout answer');
        assert.deepEqual(
            [result.type, result.status, result.message],
            ['COMPLETED', 500, 'transaction timed out after 200 ms'],
        );
        assert.deepEqual([server.inFlight, server.openStreams, outcomes[0]?.ok], [0, 1, false]);
        release.open();
        await within(returned.promise, 'the chaincode to return late');
        // Messages on a stream are ordered: a late COMPLETED would arrive before this answer.
        assert.equal((await within(peer.invoke(['echo', 'after']), 'echo')).status, 200);
        await until(() => outcomes.length === 2, 'the echo to be counted');
        assert.equal(peer.received.filter(isFinalFor('slow')).length, 1);
        assert.deepEqual(
            outcomes.map((o) => o.ok),
            [false, true],
        );
        assert.deepEqual(await stray.settle(), []);
    });

    test('fails the pending ledger request of a timed-out transaction with the timeout', async (t) => {
        const results: (Uint8Array | Error)[] = [];
        const { connectPeer } = await serve(t, faultChaincode({ onStubResult: (r) => results.push(r) }), {
            creator,
            executeTimeoutMs: 200,
        });
        const peer = await connectPeer({ answerRequests: false });
        const result = await within(peer.invoke(['hang', 'read']), 'the timeout answer');
        assert.deepEqual([result.status, result.message], [500, 'transaction timed out after 200 ms']);
        assert.ok(results[0] instanceof Error);
        assert.match(results[0].message, /timed out after 200 ms/);
        assert.deepEqual(await stray.settle(), []);
    });

    test('leaves a transaction that returns in time alone', async (t) => {
        const { connectPeer, outcomes } = await serve(t, faultChaincode(), { creator, executeTimeoutMs: 5_000 });
        const peer = await connectPeer();
        const result = await within(peer.invoke(['echo', 'quick']), 'echo');
        assert.deepEqual([result.status, result.payload.toString(), outcomes[0]?.ok], [200, 'quick', true]);
    });
});

describe('a message over the size limit', () => {
    test('fails its own stream with RESOURCE_EXHAUSTED while another stream keeps working', async (t) => {
        const limit = 64 * 1024;
        const { connectPeer, address, streamErrors, server, until } = await serve(t, faultChaincode(), {
            creator,
            maxReceiveMessageBytes: limit,
        });
        const other = await connectPeer();
        assert.equal((await within(other.invoke(['echo', 'before']), 'echo')).status, 200);
        const raw = openRawCall(rawClient(t, address));
        raw.call.write(encodeMessage({ type: 'REGISTERED' }));
        raw.call.write(encodeMessage({ type: 'READY' }));
        raw.call.write(
            encodeMessage({
                type: 'TRANSACTION',
                txid: 'big',
                channel_id: 'mychannel',
                payload: chaincodeInputCodec.encode({ args: [Buffer.from('size'), Buffer.alloc(limit + 1024, 0x61)] }),
            }),
        );
        const status = await within(raw.status, 'the oversized stream to fail');
        assert.equal(status.code, grpc.status.RESOURCE_EXHAUSTED);
        assert.equal(decodeMessage(raw.received[0] ?? Buffer.alloc(0)).type, 'REGISTER');
        await until(() => server.openStreams === 1, 'the oversized stream to close');
        // grpc-js answers the oversized frame itself and tells the handler only that the call was cancelled.
        assert.deepEqual(streamErrors, ['cancelled']);
        assert.equal((await within(other.invoke(['size', Buffer.alloc(1024)]), 'size')).payload.toString(), '1024');
        assert.deepEqual(await stray.settle(), []);
    });
});

describe('a peer that restarts', () => {
    test('dials again and is served, even the transaction it lost', async (t) => {
        const release = gate();
        t.after(() => {
            release.open();
        });
        const { connectPeer, server, outcomes, until } = await serve(t, faultChaincode({ release: release.promise }), {
            creator,
        });
        const before = await connectPeer();
        void before.invoke(['late'], { txId: 'retried' }).catch(() => undefined); // rejected by close() below
        await until(() => server.inFlight === 1, 'the transaction to start');
        before.close();
        await until(() => server.openStreams === 0 && outcomes.length === 1, 'the old stream to close');
        const restarted = await connectPeer();
        const result = await within(restarted.invoke(['echo', 'back'], { txId: 'retried' }), 'echo');
        assert.deepEqual([result.status, result.payload.toString()], [200, 'back']);
        assert.equal(server.openStreams, 1);
        assert.deepEqual(await stray.settle(), []);
    });
});

test('no unhandled rejection or uncaught exception escaped any of these faults', async () => {
    assert.deepEqual(await stray.settle(), []);
});

/** A message as the peer sends it, with every field the decoder fills in. */
function peerMessage(type: string, payload: Uint8Array = Buffer.alloc(0)): ChaincodeMessage__Output {
    return {
        type: type as ChaincodeMessage__Output['type'],
        timestamp: null,
        payload: Buffer.from(payload),
        txid: type === 'TRANSACTION' ? 'tx1' : '',
        proposal: null,
        chaincode_event: null,
        channel_id: type === 'TRANSACTION' ? 'mychannel' : '',
    };
}
