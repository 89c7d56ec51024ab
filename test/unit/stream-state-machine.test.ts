// SPDX-License-Identifier: Apache-2.0
//
// The stream state machine as a table: every handler state × every ChaincodeMessage type the
// peer could send (and one unknown number), each cell the reply, the next state and whether
// the stream was ended. Over an in-memory connection, through the real wire serialiser.

import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import { success } from '../../src/shim/response.ts';
import type { Chaincode } from '../../src/shim/types.ts';
import { buildSignedProposal } from '../../src/testing/proposal-builder.ts';
import { additionalParamsCodec, chaincodeIdCodec, chaincodeInputCodec, responseCodec } from '../../src/wire/codecs.ts';
import type { ChaincodeMessage, ChaincodeMessage__Output } from '../../src/wire/generated/protos/ChaincodeMessage.ts';
import { messageType } from '../../src/wire/message-type.ts';
import { protoRoot } from '../../src/wire/protos.ts';
import { memoryStream, settle, type MemoryStream } from '../helpers/memory-stream.ts';

type State = 'created' | 'established' | 'ready' | 'closed';
const STATES: readonly State[] = ['created', 'established', 'ready', 'closed'];

/** What the handler writes back: nothing, the KEEPALIVE echoed, ERROR naming the message, or the chaincode's COMPLETED. */
type Reply = 'none' | 'keepalive-echo' | 'protocol-error' | 'completed';

interface Outcome {
    readonly reply: Reply;
    /** 'same': the state does not change. */
    readonly next: State | 'same';
    /** The handler called end() on the connection. */
    readonly ended: boolean;
}

const PROTOCOL_ERROR: Outcome = { reply: 'protocol-error', next: 'closed', ended: true };
const ECHOED: Outcome = { reply: 'keepalive-echo', next: 'same', ended: false };
const RUNS_CHAINCODE: Outcome = { reply: 'completed', next: 'same', ended: false };
/** RESPONSE/ERROR for no pending request: a late reply (e.g. after our execute timeout) must not end the stream. */
const DROPPED: Outcome = { reply: 'none', next: 'same', ended: false };
/** A closed handler reads nothing more. */
const IGNORED: Outcome = { reply: 'none', next: 'same', ended: false };
const advancesTo = (next: State): Outcome => ({ reply: 'none', next, ended: false });

/** The label of a type number our protos do not know; messageType() names it by its digits. */
const UNKNOWN_TYPE = 999;

// prettier-ignore
const TABLE: Readonly<Record<string, readonly [created: Outcome, established: Outcome, ready: Outcome, closed: Outcome]>> = {
    UNDEFINED:             [PROTOCOL_ERROR, PROTOCOL_ERROR, PROTOCOL_ERROR, IGNORED],
    REGISTER:              [PROTOCOL_ERROR, PROTOCOL_ERROR, PROTOCOL_ERROR, IGNORED],
    REGISTERED:            [advancesTo('established'), PROTOCOL_ERROR, PROTOCOL_ERROR, IGNORED],
    INIT:                  [PROTOCOL_ERROR, PROTOCOL_ERROR, RUNS_CHAINCODE, IGNORED],
    READY:                 [PROTOCOL_ERROR, advancesTo('ready'), PROTOCOL_ERROR, IGNORED],
    TRANSACTION:           [PROTOCOL_ERROR, PROTOCOL_ERROR, RUNS_CHAINCODE, IGNORED],
    COMPLETED:             [PROTOCOL_ERROR, PROTOCOL_ERROR, PROTOCOL_ERROR, IGNORED],
    ERROR:                 [PROTOCOL_ERROR, PROTOCOL_ERROR, DROPPED, IGNORED],
    GET_STATE:             [PROTOCOL_ERROR, PROTOCOL_ERROR, PROTOCOL_ERROR, IGNORED],
    PUT_STATE:             [PROTOCOL_ERROR, PROTOCOL_ERROR, PROTOCOL_ERROR, IGNORED],
    DEL_STATE:             [PROTOCOL_ERROR, PROTOCOL_ERROR, PROTOCOL_ERROR, IGNORED],
    INVOKE_CHAINCODE:      [PROTOCOL_ERROR, PROTOCOL_ERROR, PROTOCOL_ERROR, IGNORED],
    RESPONSE:              [PROTOCOL_ERROR, PROTOCOL_ERROR, DROPPED, IGNORED],
    GET_STATE_BY_RANGE:    [PROTOCOL_ERROR, PROTOCOL_ERROR, PROTOCOL_ERROR, IGNORED],
    GET_QUERY_RESULT:      [PROTOCOL_ERROR, PROTOCOL_ERROR, PROTOCOL_ERROR, IGNORED],
    QUERY_STATE_NEXT:      [PROTOCOL_ERROR, PROTOCOL_ERROR, PROTOCOL_ERROR, IGNORED],
    QUERY_STATE_CLOSE:     [PROTOCOL_ERROR, PROTOCOL_ERROR, PROTOCOL_ERROR, IGNORED],
    KEEPALIVE:             [ECHOED, ECHOED, ECHOED, IGNORED],
    GET_HISTORY_FOR_KEY:   [PROTOCOL_ERROR, PROTOCOL_ERROR, PROTOCOL_ERROR, IGNORED],
    GET_STATE_METADATA:    [PROTOCOL_ERROR, PROTOCOL_ERROR, PROTOCOL_ERROR, IGNORED],
    PUT_STATE_METADATA:    [PROTOCOL_ERROR, PROTOCOL_ERROR, PROTOCOL_ERROR, IGNORED],
    GET_PRIVATE_DATA_HASH: [PROTOCOL_ERROR, PROTOCOL_ERROR, PROTOCOL_ERROR, IGNORED],
    PURGE_PRIVATE_DATA:    [PROTOCOL_ERROR, PROTOCOL_ERROR, PROTOCOL_ERROR, IGNORED],
    WRITE_BATCH_STATE:     [PROTOCOL_ERROR, PROTOCOL_ERROR, PROTOCOL_ERROR, IGNORED],
    GET_STATE_MULTIPLE:    [PROTOCOL_ERROR, PROTOCOL_ERROR, PROTOCOL_ERROR, IGNORED],
    [UNKNOWN_TYPE]:        [PROTOCOL_ERROR, PROTOCOL_ERROR, PROTOCOL_ERROR, IGNORED],
};

const CHANNEL = 'fsm-channel';
const TXID = 'fsm-tx-0001';

/** Answers Init/Invoke with what it saw: the kind, the function name and the proposal's creator. */
const probe: Chaincode = {
    Init: (stub) => success(Buffer.from(`Init:${describeCall(stub)}`)),
    Invoke: (stub) => success(Buffer.from(`Invoke:${describeCall(stub)}`)),
};

function describeCall(stub: Parameters<Chaincode['Invoke']>[0]): string {
    // Typed as fabric-shim types it; undefined at run time without a proposal.
    const proposal = stub.getSignedProposal() as ReturnType<typeof stub.getSignedProposal> | undefined;
    const creator = proposal === undefined ? 'no-proposal' : stub.getCreator().mspid;
    return `${stub.getFunctionAndParameters().fcn}:${creator}`;
}

/** A handler driven into `state` by the peer's usual messages, its recorder then cleared. */
function streamIn(t: TestContext, state: State): MemoryStream {
    const stream = memoryStream(probe);
    t.after(() => {
        stream.handler.close();
    });
    stream.handler.start();
    if (state !== 'created') {
        stream.deliver({ type: 'REGISTERED' });
    }
    if (state === 'ready' || state === 'closed') {
        stream.deliver({ type: 'READY' });
    }
    if (state === 'closed') {
        stream.handler.close(new Error('the peer hung up'));
    }
    assert.equal(stream.handler.state, state);
    stream.connection.reset();
    stream.streamErrors.length = 0;
    return stream;
}

/** The message the peer would send for `label`, with a txid and channel to check echoes against. */
function peerMessage(label: string): ChaincodeMessage {
    const base = { txid: TXID, channel_id: CHANNEL };
    switch (label) {
        case String(UNKNOWN_TYPE):
            return { ...base, type: UNKNOWN_TYPE as unknown as ChaincodeMessage['type'], payload: Buffer.from('?') };
        case 'TRANSACTION': {
            const args = [Buffer.from('probeFn'), Buffer.from('a1')];
            const { signedProposal, txId } = buildSignedProposal({
                channelId: CHANNEL,
                chaincodeName: 'fsm',
                args,
                creator: { mspid: 'Org1MSP', certificate: 'not an X.509 certificate' },
            });
            return {
                ...base,
                type: 'TRANSACTION',
                txid: txId,
                payload: chaincodeInputCodec.encode({ args }),
                proposal: signedProposal,
            };
        }
        case 'INIT':
            return {
                ...base,
                type: 'INIT',
                payload: chaincodeInputCodec.encode({ args: [Buffer.from('setup')], is_init: true }),
            };
        case 'READY':
            return {
                ...base,
                type: 'READY',
                payload: additionalParamsCodec.encode({ use_write_batch: true, max_size_write_batch: 500 }),
            };
        case 'KEEPALIVE':
            return { type: 'KEEPALIVE', payload: Buffer.from('beat-42'), txid: 'ka-tx', channel_id: 'ka-channel' };
        case 'ERROR':
            return { ...base, type: 'ERROR', payload: Buffer.from('GET_STATE failed: no ledger context') };
        default:
            return { ...base, type: label as ChaincodeMessage['type'], payload: Buffer.from(`${label} payload`) };
    }
}

/** A sent message as the table compares it: COMPLETED's Response decoded, other payloads as text. */
interface Sent {
    readonly type: string;
    readonly payload: string;
    readonly txid: string;
    readonly channel: string;
}

function summarise(message: ChaincodeMessage__Output): Sent {
    let payload = message.payload.toString();
    if (message.type === 'COMPLETED') {
        const response = responseCodec.decode(message.payload);
        payload = `${response.status} ${response.payload.toString()}`;
    }
    return { type: messageType(message), payload, txid: message.txid, channel: message.channel_id };
}

/** What the handler should have written for `message` in `state`. */
function expectedSent(message: ChaincodeMessage, state: State, reply: Reply): Sent[] {
    const label = messageType(message);
    const echo = { txid: message.txid ?? '', channel: message.channel_id ?? '' };
    switch (reply) {
        case 'none':
            return [];
        case 'keepalive-echo':
            return [{ type: 'KEEPALIVE', payload: String(message.payload), ...echo }];
        case 'protocol-error':
            return [{ type: 'ERROR', payload: `protocol error: ${label} is not allowed in state ${state}`, ...echo }];
        case 'completed': {
            const result = label === 'INIT' ? 'Init:setup:no-proposal' : 'Invoke:probeFn:Org1MSP';
            return [{ type: 'COMPLETED', payload: `200 ${result}`, ...echo }];
        }
    }
}

async function checkCell(t: TestContext, label: string, state: State, outcome: Outcome): Promise<void> {
    const { handler, connection, streamErrors, deliver } = streamIn(t, state);
    const message = peerMessage(label);
    assert.doesNotThrow(() => {
        deliver(message);
    });
    if (outcome.reply === 'completed') {
        await connection.waitFor('COMPLETED');
    }
    await settle();
    assert.deepEqual(connection.sent.map(summarise), expectedSent(message, state, outcome.reply));
    assert.equal(handler.state, outcome.next === 'same' ? state : outcome.next, 'next state');
    assert.equal(connection.ends, outcome.ended ? 1 : 0, 'end() calls');
    assert.equal(handler.inFlight, 0, 'transactions still running');
    assert.deepEqual(streamErrors, outcome.reply === 'protocol-error' ? ['protocol_violation'] : []);
}

const REPLY_NAMES: Readonly<Record<Reply, string>> = {
    none: 'no reply',
    'keepalive-echo': 'KEEPALIVE echoed',
    'protocol-error': 'ERROR naming it',
    completed: 'chaincode runs, COMPLETED 200',
};

/** The subtest's name, e.g. "READY in established: no reply, → ready". */
function cellName(label: string, state: State, outcome: Outcome): string {
    const message = label === String(UNKNOWN_TYPE) ? `unknown type ${label}` : label;
    const next = outcome.next === 'same' ? `stays ${state}` : `→ ${outcome.next}`;
    return `${message} in ${state}: ${REPLY_NAMES[outcome.reply]}, ${next}${outcome.ended ? ', stream ended' : ''}`;
}

describe('stream state machine: state × peer message', { timeout: 30_000 }, () => {
    test('the table has a row for every ChaincodeMessage.Type in our protos, plus an unknown number', () => {
        const names = Object.keys(protoRoot().lookupEnum('protos.ChaincodeMessage.Type').values);
        assert.deepEqual(Object.keys(TABLE).sort(), [...names, String(UNKNOWN_TYPE)].sort());
    });

    test('start() sends REGISTER with the package ID and nothing else', (t) => {
        const stream = memoryStream(probe, 'fsm:abc123');
        t.after(() => {
            stream.handler.close();
        });
        stream.handler.start();
        assert.deepEqual(
            stream.connection.sent.map((m) => m.type),
            ['REGISTER'],
        );
        assert.equal(chaincodeIdCodec.decode(stream.connection.sent[0]!.payload).name, 'fsm:abc123');
        assert.equal(stream.handler.state, 'created');
    });

    for (const [index, state] of STATES.entries()) {
        describe(`in state ${state}`, () => {
            for (const [label, row] of Object.entries(TABLE)) {
                const outcome = row[index]!;
                test(cellName(label, state, outcome), (t) => checkCell(t, label, state, outcome));
            }
        });
    }
});
