// SPDX-License-Identifier: Apache-2.0
//
// Target (c), the floor: a bare @grpc/grpc-js server that speaks only what the workload needs
// (REGISTER/READY, TRANSACTION → K GET_STATE, K PUT_STATE → COMPLETED) with hand-rolled decoding,
// pre-encoded request payloads and no proposal decoding, stub or per-request promises.

import * as grpc from '@grpc/grpc-js';
import { encodeFields, encodeMessage, encodeResponse, fieldBytes, MessageType, MessageView } from '../wire.ts';
import { BENCH_CHAINCODE_ID, benchKey, MAX_K } from '../workload.ts';
import { serveDriver } from './child.ts';
import { PEER_MESSAGE_LIMIT } from '../../src/wire/limits.ts';

type Stream = grpc.ServerDuplexStream<Buffer, Buffer>;

interface FloorTransaction {
    readonly txid: Buffer;
    readonly channel: Buffer;
    readonly k: number;
    /** Responses received so far: 0..k-1 answer GET_STATE, k..2k-1 answer PUT_STATE. */
    step: number;
    readonly values: Buffer[];
}

const identity = (buf: Buffer): Buffer => buf;
const service: grpc.ServiceDefinition = {
    Connect: {
        path: '/protos.Chaincode/Connect',
        requestStream: true,
        responseStream: true,
        requestSerialize: identity,
        requestDeserialize: identity,
        responseSerialize: identity,
        responseDeserialize: identity,
        originalName: 'connect',
    },
};

const KEYS = Array.from({ length: MAX_K }, (_, i) => Buffer.from(benchKey(i)));
const GET_STATE_PAYLOADS = KEYS.map((key) => encodeFields([[1, key]]));
const REGISTER = encodeMessage(MessageType.REGISTER, encodeFields([[2, Buffer.from(BENCH_CHAINCODE_ID)]]));

function parseK(arg: Buffer | undefined): number {
    let k = 0;
    for (const byte of arg ?? []) {
        k = k * 10 + byte - 48;
    }
    return k;
}

function connect(call: Stream): void {
    const view = new MessageView();
    const transactions = new Map<string, FloorTransaction>();
    let ready = false;
    const sendRequest = (tx: FloorTransaction): void => {
        const i = tx.step;
        if (i < tx.k) {
            call.write(encodeMessage(MessageType.GET_STATE, GET_STATE_PAYLOADS[i], tx.txid, tx.channel));
            return;
        }
        const key = KEYS[i - tx.k] ?? Buffer.alloc(0);
        const value = tx.values[i - tx.k] ?? Buffer.alloc(0);
        call.write(
            encodeMessage(
                MessageType.PUT_STATE,
                encodeFields([
                    [1, key],
                    [2, value],
                ]),
                tx.txid,
                tx.channel,
            ),
        );
    };
    call.on('data', (buf: Buffer) => {
        view.read(buf);
        const txid = buf.subarray(view.txidStart, view.txidEnd);
        if (view.type === MessageType.RESPONSE) {
            const key = txid.toString('latin1');
            const tx = transactions.get(key);
            if (tx === undefined) {
                return;
            }
            if (tx.step < tx.k) {
                tx.values.push(buf.subarray(view.payloadStart, view.payloadEnd));
            }
            tx.step++;
            if (tx.step < 2 * tx.k) {
                sendRequest(tx);
                return;
            }
            transactions.delete(key);
            const payload = encodeResponse(200, tx.values[tx.k - 1] ?? Buffer.alloc(0));
            call.write(encodeMessage(MessageType.COMPLETED, payload, tx.txid, tx.channel));
        } else if (view.type === MessageType.TRANSACTION && ready) {
            const k = parseK(fieldBytes(buf, view.payloadStart, view.payloadEnd, 1, 1));
            const channel = buf.subarray(view.channelStart, view.channelEnd);
            if (k < 1 || k > MAX_K) {
                call.write(encodeMessage(MessageType.ERROR, Buffer.from('bad K'), txid, channel));
                return;
            }
            const tx: FloorTransaction = { txid, channel, k, step: 0, values: [] };
            transactions.set(txid.toString('latin1'), tx);
            sendRequest(tx);
        } else if (view.type === MessageType.READY) {
            ready = true;
        } else if (view.type === MessageType.KEEPALIVE) {
            call.write(buf);
        }
    });
    call.on('end', () => {
        call.end();
    });
    call.on('error', () => {
        transactions.clear();
    });
    call.write(REGISTER);
}

const server = new grpc.Server({
    'grpc.max_receive_message_length': PEER_MESSAGE_LIMIT,
    'grpc.max_send_message_length': PEER_MESSAGE_LIMIT,
});
server.addService(service, { Connect: connect });
const port = await new Promise<number>((resolve, reject) => {
    server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, bound) => {
        if (err) {
            reject(err);
        } else {
            resolve(bound);
        }
    });
});
serveDriver(port, () => {
    server.forceShutdown();
});
