// SPDX-License-Identifier: Apache-2.0
//
// The ChaincodeMessage (de)serialiser the stream runs (src/wire/message-serde.ts) gives the same
// bytes and the same objects as proto-loader's own fromObject/toObject pair, which it replaced.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import * as protoLoader from '@grpc/proto-loader';
import type { ChaincodeMessage, ChaincodeMessage__Output } from '../../src/wire/generated/protos/ChaincodeMessage.ts';
import { chaincodeService, chaincodeSupportService, OBJECT_OPTIONS, protoRoot } from '../../src/wire/protos.ts';

/** Connect and Register stream ChaincodeMessage both ways, so each side (de)serialises the same type. */
interface Method {
    readonly requestSerialize: (message: ChaincodeMessage) => Buffer;
    readonly responseSerialize: (message: ChaincodeMessage) => Buffer;
    readonly requestDeserialize: (bytes: Buffer) => ChaincodeMessage__Output;
    readonly responseDeserialize: (bytes: Buffer) => ChaincodeMessage__Output;
}

const root = protoRoot();
const reference = protoLoader.fromJSON(root.toJSON(), { keepCase: true, ...OBJECT_OPTIONS });

function method(definition: object, name: string): Method {
    const found = (definition as Record<string, Method | undefined>)[name];
    assert.ok(found, `${name} missing`);
    return found;
}

const theirs = method(reference['protos.Chaincode'] as object, 'Connect');
const ours = method(chaincodeService, 'Connect');
const typeNames = Object.keys(root.lookupEnum('protos.ChaincodeMessage.Type').values);

const samples: ChaincodeMessage[] = [
    {},
    ...typeNames.map(
        (type, i) => ({ type, payload: Buffer.from([i, 1, 2]), txid: `tx${i}`, channel_id: 'ch' }) as ChaincodeMessage,
    ),
    { type: 5, payload: new Uint8Array([1, 2, 3]), txid: 'numeric type' },
    { type: 'RESPONSE', payload: Buffer.alloc(0), txid: 'empty payload', channel_id: '' },
    { type: 'RESPONSE', payload: 'AQID', txid: 'base64 payload' },
    {
        type: 'TRANSACTION',
        payload: Buffer.from('input'),
        txid: 'with proposal',
        channel_id: 'mychannel',
        proposal: { proposal_bytes: Buffer.from('proposal'), signature: Buffer.from('signature') },
    },
    { type: 'TRANSACTION', txid: 'empty proposal', proposal: {} },
    { type: 'COMPLETED', txid: 'event', chaincode_event: { event_name: 'e', payload: Buffer.from('p'), tx_id: 't' } },
    { type: 'KEEPALIVE', timestamp: { seconds: '1700000000', nanos: 5 } },
    { type: 'KEEPALIVE', timestamp: { seconds: 12, nanos: 0 } },
];

test('serialises every sample to the bytes proto-loader gives', () => {
    for (const message of samples) {
        assert.deepEqual(ours.requestSerialize(message), theirs.requestSerialize(message), JSON.stringify(message));
        assert.deepEqual(ours.responseSerialize(message), theirs.responseSerialize(message));
    }
});

test('an unknown type name is dropped, as fromObject drops it', () => {
    const message = { type: 'NOT_A_TYPE', txid: 'x' } as unknown as ChaincodeMessage;
    assert.deepEqual(ours.requestSerialize(message), theirs.requestSerialize(message));
});

test('deserialises every sample to the object proto-loader gives', () => {
    for (const message of samples) {
        const bytes = theirs.requestSerialize(message);
        assert.deepStrictEqual(
            ours.requestDeserialize(bytes),
            theirs.requestDeserialize(bytes),
            JSON.stringify(message),
        );
        assert.deepStrictEqual(ours.responseDeserialize(bytes), theirs.responseDeserialize(bytes));
    }
});

test('a type number the protos do not know stays a number', () => {
    const bytes = Buffer.from([0x08, 0x63]); // type = 99
    const decoded = ours.requestDeserialize(bytes);
    assert.equal(decoded.type, 99);
    assert.deepStrictEqual(decoded, theirs.requestDeserialize(bytes));
});

test('the bytes fields the handler reads are Buffers, present or not', () => {
    const decoded = ours.requestDeserialize(theirs.requestSerialize({ type: 'TRANSACTION', proposal: {} }));
    assert.ok(Buffer.isBuffer(decoded.payload));
    assert.ok(decoded.proposal && Buffer.isBuffer(decoded.proposal.proposal_bytes));
    assert.ok(Buffer.isBuffer(decoded.proposal.signature));
});

test('dev mode (ChaincodeSupport/Register) uses the same serialiser', () => {
    const register = method(chaincodeSupportService, 'Register');
    assert.equal(register.requestSerialize, ours.requestSerialize);
    assert.equal(register.responseDeserialize, ours.responseDeserialize);
});
