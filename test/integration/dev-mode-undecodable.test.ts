// SPDX-License-Identifier: Apache-2.0
//
// Dev mode with a peer whose frame does not decode as a ChaincodeMessage, sent while
// transactions wait on ledger reads: the chaincode answers ERROR, ends that stream, counts a
// decode error and dials again; stream after stream, then serves a normal one.

import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import * as grpc from '@grpc/grpc-js';
import pino from 'pino';
import { DevModeDialer } from '../../src/shim/dev-mode-dialer.ts';
import type { StreamErrorReason } from '../../src/shim/stream-observers.ts';
import { chaincodeInputCodec } from '../../src/wire/codecs.ts';
import type { ChaincodeMessage, ChaincodeMessage__Output } from '../../src/wire/generated/protos/ChaincodeMessage.ts';
import { chaincodeSupportService, rawFrame } from '../../src/wire/protos.ts';
import { probeChaincode } from '../fixtures/probe-chaincode.ts';
import { within } from '../reliability/support.ts';
import { TEST_PACKAGE_ID } from '../../src/testing/index.ts';

const BAD_STREAMS = 10;
const IN_FLIGHT = 2;
/** Field 3 (payload) announcing 5 bytes and carrying none. */
const UNDECODABLE = Buffer.from([0x1a, 0x05]);

function registerMethod(): NonNullable<(typeof chaincodeSupportService)['Register']> {
    const method = chaincodeSupportService.Register;
    assert.ok(method);
    return method;
}
const register = registerMethod();
const encode = (message: ChaincodeMessage): Buffer => register.responseSerialize(message);
const decode = (bytes: Buffer): ChaincodeMessage__Output =>
    register.requestDeserialize(bytes) as ChaincodeMessage__Output;

/** What one stream of the peer saw: every message from the chaincode, and how it ended. */
interface PeerStreamRecord {
    readonly received: ChaincodeMessage__Output[];
    ending?: string;
}

type RawStream = grpc.ServerDuplexStream<Buffer, Buffer>;

/** A peer listener that writes raw frames: the first BAD_STREAMS streams get an undecodable one. */
async function startRawPeer(
    t: TestContext,
    onEnded: () => void,
): Promise<{ port: number; streams: PeerStreamRecord[] }> {
    const streams: PeerStreamRecord[] = [];
    const server = new grpc.Server();
    server.addService(
        { Register: { ...register, requestDeserialize: rawFrame, responseSerialize: rawFrame } },
        {
            Register: (call: RawStream) => {
                const record: PeerStreamRecord = { received: [] };
                const bad = streams.length < BAD_STREAMS;
                streams.push(record);
                const ended = (how: string): void => {
                    record.ending ??= how;
                    onEnded();
                };
                call.on('data', (bytes: Buffer) => {
                    const message = decode(bytes);
                    record.received.push(message);
                    if (message.type === 'REGISTER') {
                        call.write(encode({ type: 'REGISTERED' }));
                        call.write(encode({ type: 'READY' }));
                        for (let i = 0; bad && i < IN_FLIGHT; i++) {
                            const args = [Buffer.from('get'), Buffer.from(`k${String(i)}`)];
                            const payload = chaincodeInputCodec.encode({ args });
                            call.write(
                                encode({ type: 'TRANSACTION', txid: `t${String(i)}`, channel_id: 'ch', payload }),
                            );
                        }
                    }
                    const reads = record.received.filter((m) => m.type === 'GET_STATE').length;
                    if (message.type === 'GET_STATE' && reads === IN_FLIGHT) {
                        call.write(UNDECODABLE);
                    }
                });
                call.on('end', () => {
                    ended('half-closed');
                    call.end();
                });
                call.on('cancelled', () => {
                    ended('cancelled');
                });
            },
        },
    );
    t.after(() => {
        server.forceShutdown();
    });
    const port = await new Promise<number>((resolve, reject) => {
        server.bindAsync('127.0.0.1:0', grpc.ServerCredentials.createInsecure(), (err, bound) => {
            if (err) {
                reject(err);
            } else {
                resolve(bound);
            }
        });
    });
    return { port, streams };
}

test('dev mode: an undecodable frame from the peer is answered with ERROR, ends the stream, and the dialer dials again', async (t) => {
    const errors: StreamErrorReason[] = [];
    let wake = (): void => undefined;
    const changed = (): void => {
        wake();
    };
    const { port, streams } = await startRawPeer(t, changed);
    const client = new DevModeDialer({
        chaincodeId: TEST_PACKAGE_ID,
        chaincode: probeChaincode(),
        peerAddress: `127.0.0.1:${String(port)}`,
        logger: pino({ level: 'silent' }),
        reconnectInitialMs: 1,
        reconnectMaxMs: 5,
        observers: {
            onStreamError: (reason) => {
                errors.push(reason);
                changed();
            },
            onRegistered: changed,
        },
    });
    t.after(() => {
        client.forceClose();
    });
    const done = (): boolean =>
        streams.length > BAD_STREAMS &&
        streams.slice(0, BAD_STREAMS).every((s) => s.ending !== undefined) &&
        client.registered;
    client.start();
    await within(
        new Promise<void>((resolve) => {
            wake = () => {
                if (done()) {
                    resolve();
                }
            };
        }),
        'every bad stream to end and a good one to register',
    );
    for (const [s, stream] of streams.slice(0, BAD_STREAMS).entries()) {
        const answers = stream.received.filter((m) => m.type === 'ERROR' || m.type === 'COMPLETED');
        const [answer] = answers;
        assert.ok(answer !== undefined && answers.length === 1, `stream ${String(s)}: one answer after the bad frame`);
        assert.equal(answer.type, 'ERROR');
        assert.match(answer.payload.toString(), /did not decode as a ChaincodeMessage/);
    }
    assert.deepEqual(errors, Array<StreamErrorReason>(BAD_STREAMS).fill('decode_error'));
    assert.equal(client.inFlight, 0);
});
