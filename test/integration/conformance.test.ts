// SPDX-License-Identifier: Apache-2.0
//
// Protocol conformance over real sockets: a fake peer drives the chaincode through the
// handshake, keepalives, concurrent transactions and every error path, in both modes: the
// peer dialling our server (chaincode as a service) and our client dialling the peer (dev).

import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { chaincodeInputCodec } from '../../src/wire/codecs.ts';
import { probeChaincode } from '../fixtures/probe-chaincode.ts';
import { TEST_PACKAGE_ID, type ServedChaincode } from '../../src/testing/index.ts';
import { gate, MODES, startServer } from '../helpers/server.ts';
import type { Chaincode } from '../../src/shim/types.ts';

const isType = (type: string) => (m: { type: string | number }) => m.type === type;

for (const mode of MODES) {
    const start = (t: TestContext, chaincode: Chaincode): Promise<ServedChaincode> =>
        startServer(t, chaincode, { mode });

    describe(`handshake (${mode} mode)`, () => {
        test('sends REGISTER with the package ID first, then runs transactions after REGISTERED and READY', async (t) => {
            const { connectPeer } = await start(t, probeChaincode());
            const peer = await connectPeer();
            assert.equal(peer.received[0]?.type, 'REGISTER');
            assert.equal(peer.registeredId, TEST_PACKAGE_ID);
            const result = await peer.invoke(['echo', 'a', 'b']);
            assert.equal(result.type, 'COMPLETED');
            assert.equal(result.status, 200);
            assert.equal(result.payload.toString(), 'a,b');
        });

        test('answers KEEPALIVE before REGISTERED, after READY and during a transaction, echoed', async (t) => {
            const hold = gate();
            const { connectPeer } = await start(t, probeChaincode({ gate: hold.promise }));
            const peer = await connectPeer({ handshake: false });
            peer.send({ type: 'KEEPALIVE', payload: Buffer.from('before') });
            const before = await peer.waitFor((m) => m.type === 'KEEPALIVE' && m.payload.toString() === 'before');
            assert.equal(before.txid, '');
            peer.send({ type: 'REGISTERED' });
            peer.send({ type: 'READY' });
            peer.send({ type: 'KEEPALIVE', payload: Buffer.from('after') });
            await peer.waitFor((m) => m.type === 'KEEPALIVE' && m.payload.toString() === 'after');
            const running = peer.invoke(['wait', 'k']);
            peer.send({ type: 'KEEPALIVE', payload: Buffer.from('during') });
            await peer.waitFor((m) => m.type === 'KEEPALIVE' && m.payload.toString() === 'during');
            hold.open();
            assert.equal((await running).status, 200);
        });

        for (const [name, ready] of [
            ['an empty READY (peers before 3.1)', undefined],
            [
                'a READY with 3.1 capabilities',
                { useWriteBatch: true, maxSizeWriteBatch: 1000, useGetMultipleKeys: true },
            ],
            ['a READY with an undecodable payload', Buffer.from([0xff, 0xff, 0xff, 0x07])],
        ] as const) {
            test(`accepts ${name}`, async (t) => {
                const { connectPeer } = await start(t, probeChaincode());
                const peer = await connectPeer({ ready });
                assert.equal((await peer.invoke(['echo', 'ok'])).payload.toString(), 'ok');
            });
        }

        test('answers a TRANSACTION before READY with ERROR and ends the stream', async (t) => {
            const { connectPeer } = await start(t, probeChaincode());
            const peer = await connectPeer({ handshake: false });
            peer.send({ type: 'REGISTERED' });
            peer.send({
                type: 'TRANSACTION',
                txid: 'early',
                channel_id: 'mychannel',
                payload: chaincodeInputCodec.encode({ args: [Buffer.from('echo')] }),
            });
            const reply = await peer.waitFor(isType('ERROR'));
            assert.equal(reply.txid, 'early');
            assert.equal(reply.channel_id, 'mychannel');
            assert.match(reply.payload.toString(), /TRANSACTION is not allowed in state established/);
            await peer.ended;
        });

        test('answers REGISTERED again after READY with ERROR and ends the stream', async (t) => {
            const { connectPeer } = await start(t, probeChaincode());
            const peer = await connectPeer();
            peer.send({ type: 'REGISTERED' });
            assert.match((await peer.waitFor(isType('ERROR'))).payload.toString(), /REGISTERED is not allowed/);
            await peer.ended;
        });

        test('answers an unknown message type with ERROR and ends only that stream', async (t) => {
            const { connectPeer } = await start(t, probeChaincode());
            const other = await connectPeer();
            const peer = await connectPeer();
            peer.send({ type: 99 as unknown as 'UNDEFINED', txid: 'x', channel_id: 'mychannel' });
            assert.match((await peer.waitFor(isType('ERROR'))).payload.toString(), /99 is not allowed/);
            await peer.ended;
            assert.equal((await other.invoke(['echo', 'alive'])).payload.toString(), 'alive');
        });
    });

    describe(`transactions (${mode} mode)`, () => {
        test('runs the same txid on two channels interleaved, each with its own context', async (t) => {
            const hold = gate();
            const values: (Uint8Array | Error)[] = [];
            const { connectPeer } = await start(
                t,
                probeChaincode({ gate: hold.promise, onWaitResult: (v) => values.push(v) }),
            );
            const peer = await connectPeer();
            peer.ledger.set('k', 'v1');
            const first = peer.invoke(['wait', 'k'], { channelId: 'ch1', txId: 'same' });
            const second = peer.invoke(['wait', 'k'], { channelId: 'ch2', txId: 'same' });
            hold.open();
            const results = await Promise.all([first, second]);
            assert.deepEqual(
                results.map((r) => [r.channelId, r.txId, r.status, r.requests.map((m) => m.channel_id)]),
                [
                    ['ch1', 'same', 200, ['ch1']],
                    ['ch2', 'same', 200, ['ch2']],
                ],
            );
            assert.deepEqual(
                values.map((v) => Buffer.from(v as Uint8Array).toString()),
                ['v1', 'v1'],
            );
        });

        test('sends 3 concurrent getState calls one at a time and returns each value to its caller', async (t) => {
            const { connectPeer } = await start(t, probeChaincode());
            const peer = await connectPeer();
            peer.ledger.set('a', '1');
            peer.ledger.set('b', '2');
            peer.ledger.set('c', '3');
            const result = await peer.invoke(['getThree', 'a', 'b', 'c']);
            assert.equal(result.payload.toString(), '1,2,3');
            assert.deepEqual(
                result.requests.map((m) => m.type),
                ['GET_STATE', 'GET_STATE', 'GET_STATE'],
            );
            assert.deepEqual(peer.violations, []);
        });

        test('sends an un-awaited putState before COMPLETED', async (t) => {
            const { connectPeer } = await start(t, probeChaincode());
            const peer = await connectPeer();
            const result = await peer.invoke(['putUnawaited', 'k', 'v']);
            assert.equal(result.status, 200);
            assert.deepEqual(peer.violations, []);
            assert.equal(peer.ledger.get('k')?.toString(), 'v');
        });

        test('survives a failing stub call that the chaincode never awaited', async (t) => {
            const unhandled: unknown[] = [];
            const record = (reason: unknown): void => {
                unhandled.push(reason);
            };
            process.on('unhandledRejection', record);
            t.after(() => process.off('unhandledRejection', record));
            const { connectPeer } = await start(t, probeChaincode());
            const peer = await connectPeer();
            assert.equal((await peer.invoke(['putUnawaited', '', 'v'])).status, 200);
            assert.equal((await peer.invoke(['echo', 'alive'])).payload.toString(), 'alive');
            assert.deepEqual(unhandled, []);
        });

        test('turns a throwing Invoke into COMPLETED 500 with its message, at once', async (t) => {
            const { connectPeer } = await start(t, probeChaincode());
            const peer = await connectPeer();
            const result = await peer.invoke(['throw']);
            assert.deepEqual(
                [result.type, result.status, result.message],
                ['COMPLETED', 500, 'asset a1 does not exist'],
            );
            assert.equal(result.requests.length, 0);
            const rejected = await peer.invoke(['reject']);
            assert.deepEqual([rejected.status, rejected.message], [500, 'rejected on purpose']);
        });

        test('turns a response without a status, or with status 0, into 500', async (t) => {
            const { connectPeer } = await start(t, probeChaincode());
            const peer = await connectPeer();
            for (const fn of ['noStatus', 'statusZero']) {
                const result = await peer.invoke([fn]);
                assert.equal(result.status, 500);
                assert.match(result.message, /return success\(\) or error\(\)/);
            }
        });

        test('runs INIT through Init and keeps private data out of it', async (t) => {
            const { connectPeer } = await start(t, probeChaincode());
            const peer = await connectPeer();
            const result = await peer.invoke(['echo', 'init'], { init: true });
            assert.deepEqual([result.type, result.status, result.payload.toString()], ['COMPLETED', 200, 'init']);
        });

        test('commits writes and deletes through PUT_STATE and DEL_STATE', async (t) => {
            const { connectPeer } = await start(t, probeChaincode());
            const peer = await connectPeer();
            await peer.invoke(['put', 'asset1', 'blue']);
            assert.equal(peer.ledger.get('asset1')?.toString(), 'blue');
            assert.equal((await peer.invoke(['get', 'asset1'])).payload.toString(), 'blue');
            const deleted = await peer.invoke(['del', 'asset1']);
            assert.deepEqual(
                deleted.requests.map((m) => m.type),
                ['DEL_STATE'],
            );
            assert.equal(peer.ledger.get('asset1'), undefined);
        });

        test('sends the last event set, and none with an error response', async (t) => {
            const { connectPeer } = await start(t, probeChaincode());
            const peer = await connectPeer();
            const result = await peer.invoke(['event', 'AssetTransferred', '{"id":"a1"}']);
            assert.deepEqual(result.event, { name: 'AssetTransferred', payload: Buffer.from('{"id":"a1"}') });
            const failed = await peer.invoke(['eventThenFail']);
            assert.equal(failed.status, 500);
            assert.equal(failed.event, undefined);
        });

        test('decodes the proposal: creator and transient data', async (t) => {
            const { connectPeer } = await start(t, probeChaincode());
            const peer = await connectPeer();
            assert.equal((await peer.invoke(['creator'])).payload.toString(), 'Org1MSP');
            const result = await peer.invoke(['transient'], { transient: { secret: 'hush' } });
            assert.equal(result.payload.toString(), 'hush');
        });

        test('accepts a 5 MiB argument', async (t) => {
            const { connectPeer } = await start(t, probeChaincode());
            const peer = await connectPeer();
            const big = Buffer.alloc(5 * 1024 * 1024, 0x61);
            const result = await peer.invoke(['size', big]);
            assert.equal(result.payload.toString(), String(big.length));
        });
    });

    describe(`bad input (${mode} mode)`, () => {
        test('ignores RESPONSE and ERROR for an unknown txid, and the next transaction works', async (t) => {
            const { connectPeer } = await start(t, probeChaincode());
            const peer = await connectPeer();
            peer.send({ type: 'RESPONSE', txid: 'nobody', channel_id: 'mychannel', payload: Buffer.from('x') });
            peer.send({ type: 'ERROR', txid: 'nobody', channel_id: 'mychannel', payload: Buffer.from('x') });
            assert.equal((await peer.invoke(['echo', 'still here'])).payload.toString(), 'still here');
            assert.equal(peer.received.filter((m) => m.type === 'ERROR').length, 0);
        });

        test('answers a TRANSACTION whose payload does not decode with ERROR, without calling the chaincode', async (t) => {
            const { connectPeer, outcomes } = await start(t, probeChaincode());
            const peer = await connectPeer();
            peer.send({
                type: 'TRANSACTION',
                txid: 'bad',
                channel_id: 'mychannel',
                payload: Buffer.from([0x0a, 0xff]),
            });
            const reply = await peer.waitFor((m) => m.txid === 'bad');
            assert.equal(reply.type, 'ERROR');
            assert.match(reply.payload.toString(), /failed to decode the ChaincodeInput payload/);
            assert.equal(outcomes.length, 0);
            assert.equal((await peer.invoke(['echo', 'alive'])).payload.toString(), 'alive');
        });

        test('answers a TRANSACTION whose proposal does not decode with ERROR', async (t) => {
            const { connectPeer, outcomes } = await start(t, probeChaincode());
            const peer = await connectPeer();
            peer.send({
                type: 'TRANSACTION',
                txid: 'badproposal',
                channel_id: 'mychannel',
                payload: chaincodeInputCodec.encode({ args: [Buffer.from('echo')] }),
                proposal: { proposal_bytes: Buffer.from([0x0a, 0xff, 0x01]), signature: Buffer.alloc(0) },
            });
            const reply = await peer.waitFor((m) => m.txid === 'badproposal');
            assert.equal(reply.type, 'ERROR');
            assert.match(reply.payload.toString(), /failed to decode the signed proposal/);
            assert.equal(outcomes.length, 0);
        });

        test('answers a duplicate (channel, txid) while the first runs with ERROR, and the first completes', async (t) => {
            const hold = gate();
            const { connectPeer } = await start(t, probeChaincode({ gate: hold.promise }));
            const peer = await connectPeer();
            const first = peer.invoke(['wait', 'k'], { txId: 'dup' });
            peer.send({
                type: 'TRANSACTION',
                txid: 'dup',
                channel_id: 'mychannel',
                payload: chaincodeInputCodec.encode({ args: [Buffer.from('echo')] }),
            });
            const reply = await peer.waitFor((m) => m.txid === 'dup' && m.type === 'ERROR');
            assert.match(reply.payload.toString(), /already running/);
            hold.open();
            // the fake peer took the ERROR as the first transaction's answer; the server still runs it
            assert.equal((await first).type, 'ERROR');
            await peer.waitFor((m) => m.txid === 'dup' && m.type === 'COMPLETED');
        });
    });

    describe(`streams (${mode} mode)`, () => {
        test('a peer closing the stream mid-transaction leaves nothing pending, and a new stream works', async (t) => {
            const results: (Uint8Array | Error)[] = [];
            const { connectPeer, server, transactionsEnded } = await start(
                t,
                probeChaincode({ onWaitResult: (v) => results.push(v) }),
            );
            const peer = await connectPeer({ answerRequests: false });
            void peer.invoke(['wait', 'k']).catch(() => undefined); // rejected by close() below
            await peer.waitFor(isType('GET_STATE'));
            assert.equal(server.inFlight, 1);
            peer.close();
            await transactionsEnded(1);
            assert.equal(server.inFlight, 0);
            assert.equal(server.openStreams, 0);
            assert.ok(results[0] instanceof Error);
            assert.match(results[0].message, /stream closed/);
            const next = await connectPeer();
            assert.equal((await next.invoke(['echo', 'again'])).payload.toString(), 'again');
        });

        test('serves two peers at once, each on its own stream', async (t) => {
            const { connectPeer, server } = await start(t, probeChaincode());
            const [one, two] = await Promise.all([connectPeer(), connectPeer()]);
            one.ledger.set('k', 'one');
            two.ledger.set('k', 'two');
            const [a, b] = await Promise.all([one.invoke(['get', 'k']), two.invoke(['get', 'k'])]);
            assert.deepEqual([a.payload.toString(), b.payload.toString()], ['one', 'two']);
            assert.equal(server.openStreams, 2);
        });
    });
}
