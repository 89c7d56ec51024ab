// SPDX-License-Identifier: Apache-2.0
//
// The stub's public-state calls over real gRPC: what goes on the wire (types and decoded
// payloads) and what the chaincode gets back, plus chaincode-to-chaincode calls.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
    chaincodeSpecCodec,
    getStateCodec,
    getStateMetadataCodec,
    putStateCodec,
    putStateMetadataCodec,
} from '../../src/wire/codecs.ts';
import { delStateCodec } from '../../src/wire/codecs.ts';
import { scriptChaincode, text } from '../fixtures/script-chaincode.ts';
import { startServer } from '../helpers/server.ts';

const utf8 = (value: string): Buffer => Buffer.from(value, 'utf8');

describe('public state', () => {
    test('getState sends GET_STATE with the key and returns the value, empty when absent', async (t) => {
        const seen: string[] = [];
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                read: async (stub) => {
                    seen.push(text(await stub.getState('a')), text(await stub.getState('missing')));
                },
            }),
        );
        const peer = await connectPeer();
        peer.ledger.set('a', 'apple');
        const result = await peer.invoke(['read']);
        assert.equal(result.status, 200);
        assert.deepEqual(seen, ['apple', '']);
        assert.deepEqual(
            result.requests.map((m) => [m.type, getStateCodec.decode(m.payload)]),
            [
                ['GET_STATE', { key: 'a', collection: '' }],
                ['GET_STATE', { key: 'missing', collection: '' }],
            ],
        );
    });

    test('putState and deleteState send PUT_STATE and DEL_STATE and the peer commits them', async (t) => {
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                write: async (stub) => {
                    await stub.putState('k1', utf8('v1'));
                    await stub.deleteState('old');
                },
            }),
        );
        const peer = await connectPeer();
        peer.ledger.set('old', 'x');
        const result = await peer.invoke(['write']);
        assert.deepEqual(
            result.requests.map((m) => m.type),
            ['PUT_STATE', 'DEL_STATE'],
        );
        assert.deepEqual(putStateCodec.decode(result.requests[0]!.payload), {
            key: 'k1',
            value: utf8('v1'),
            collection: '',
        });
        assert.deepEqual(delStateCodec.decode(result.requests[1]!.payload), { key: 'old', collection: '' });
        assert.equal(peer.ledger.get('k1')?.toString(), 'v1');
        assert.equal(peer.ledger.get('old'), undefined);
    });

    test('sends an empty key to the peer, as fabric-shim does, and refuses a value that is not bytes', async (t) => {
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                empty: async (stub) => stub.putState('', utf8('v')),
                object: async (stub) => stub.putState('k', { a: 1 } as unknown as Uint8Array),
            }),
        );
        const peer = await connectPeer();
        const empty = await peer.invoke(['empty']);
        assert.equal(empty.status, 200);
        assert.deepEqual(
            empty.requests.map((m) => m.type),
            ['PUT_STATE'],
        );
        const object = await peer.invoke(['object']);
        assert.equal(object.status, 500);
        assert.match(
            object.message,
            /putState: the value must be bytes \(a Buffer or Uint8Array\) or a string; got object/,
        );
        assert.equal(object.requests.length, 0);
    });

    test('setStateValidationParameter sends PUT_STATE_METADATA with VALIDATION_PARAMETER, and reads come back', async (t) => {
        let read = '';
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                set: (stub) => stub.setStateValidationParameter('k', utf8('policy-bytes')),
                get: async (stub) => {
                    read = text(await stub.getStateValidationParameter('k'));
                },
            }),
        );
        const peer = await connectPeer();
        const set = await peer.invoke(['set']);
        assert.deepEqual(
            set.requests.map((m) => m.type),
            ['PUT_STATE_METADATA'],
        );
        assert.deepEqual(putStateMetadataCodec.decode(set.requests[0]!.payload), {
            key: 'k',
            collection: '',
            metadata: { metakey: 'VALIDATION_PARAMETER', value: utf8('policy-bytes') },
        });
        const get = await peer.invoke(['get']);
        assert.deepEqual(getStateMetadataCodec.decode(get.requests[0]!.payload), { key: 'k', collection: '' });
        assert.equal(read, 'policy-bytes');
    });

    test('getStateValidationParameter resolves undefined for a key without metadata, as fabric-shim', async (t) => {
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                get: async (stub) => String(await stub.getStateValidationParameter('none')),
            }),
        );
        const peer = await connectPeer();
        assert.equal((await peer.invoke(['get'])).payload.toString(), 'undefined');
    });

    test('a composite key goes on the wire as U+0000-separated components', async (t) => {
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                put: (stub) => stub.putState(stub.createCompositeKey('owner~asset', ['alice', 'a1']), utf8('x')),
            }),
        );
        const peer = await connectPeer();
        const result = await peer.invoke(['put']);
        assert.equal(
            putStateCodec.decode(result.requests[0]!.payload).key,
            '\u0000owner~asset\u0000alice\u0000a1\u0000',
        );
    });
});

describe('invokeChaincode', () => {
    test('sends INVOKE_CHAINCODE with name/channel and returns the nested response, whatever its status', async (t) => {
        let returned: unknown;
        const calls: unknown[] = [];
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                call: async (stub) => {
                    const response = await stub.invokeChaincode('other', ['ping', utf8('raw')], 'otherchannel');
                    returned = { ...response, payload: text(response.payload) };
                },
            }),
        );
        const peer = await connectPeer({
            onInvokeChaincode: (name, channel, args) => {
                calls.push([name, channel, args.map(String)]);
                return { status: 404, message: 'not here', payload: 'body' };
            },
        });
        const result = await peer.invoke(['call']);
        assert.equal(result.status, 200);
        assert.deepEqual(calls, [['other', 'otherchannel', ['ping', 'raw']]]);
        const spec = chaincodeSpecCodec.decode(result.requests[0]!.payload);
        assert.equal(result.requests[0]!.type, 'INVOKE_CHAINCODE');
        assert.equal(spec.chaincode_id?.name, 'other/otherchannel');
        assert.deepEqual(returned, { status: 404, message: 'not here', payload: 'body' });
    });

    test('uses the bare name without a channel, and the callee sees the caller channel', async (t) => {
        const channels: string[] = [];
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({ call: async (stub) => text((await stub.invokeChaincode('other', ['x'])).payload) }),
        );
        const peer = await connectPeer({
            onInvokeChaincode: (_name, channel) => {
                channels.push(channel);
                return { status: 200, payload: 'pong' };
            },
        });
        const result = await peer.invoke(['call']);
        assert.equal(chaincodeSpecCodec.decode(result.requests[0]!.payload).chaincode_id?.name, 'other');
        assert.deepEqual(channels, ['mychannel']);
        assert.equal(result.payload.toString(), 'pong');
    });

    test('throws with the callee ERROR text, and with the peer ERROR when the call itself fails', async (t) => {
        const errors: string[] = [];
        const { connectPeer } = await startServer(
            t,
            scriptChaincode({
                call: async (stub, [name = '']) => {
                    try {
                        await stub.invokeChaincode(name, []);
                    } catch (err) {
                        errors.push((err as Error).message);
                    }
                },
            }),
        );
        const peer = await connectPeer({
            onInvokeChaincode: (name) => {
                if (name === 'broken') {
                    return { error: 'callee blew up' };
                }
                throw new Error('access denied');
            },
        });
        await peer.invoke(['call', 'broken']);
        await peer.invoke(['call', 'denied']);
        assert.equal(errors.length, 2);
        assert.match(errors[0]!, /callee blew up/);
        assert.match(errors[1]!, /INVOKE_CHAINCODE failed: .*access denied/);
    });
});
