// SPDX-License-Identifier: Apache-2.0
//
// decodeProposal: every layer is checked up front, and what the stub returns (creator,
// timestamp, transient map, binding, the signed proposal) is right when it is asked for.

import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { test } from 'node:test';
import { chaincodeInputCodec } from '../../src/wire/codecs.ts';
import { decodeProposal } from '../../src/shim/proposal.ts';
import { buildSignedProposal } from '../../src/testing/proposal-builder.ts';

const nonce = Buffer.from('0123456789abcdef01234567');
const timestamp = new Date('2026-11-21T12:34:56.789Z');
const certificate = '-----BEGIN CERTIFICATE-----\nnot really\n-----END CERTIFICATE-----\n';
const built = buildSignedProposal({
    channelId: 'mychannel',
    chaincodeName: 'basic',
    args: [Buffer.from('fn'), Buffer.from('arg')],
    creator: { mspid: 'Org1MSP', certificate },
    transient: new Map([['secret', Buffer.from('value')]]),
    timestamp,
    nonce,
});
const signed = {
    proposal_bytes: Buffer.from(built.signedProposal.proposal_bytes as Uint8Array),
    signature: Buffer.from('signature'),
};

test('creator, timestamp and transient data', () => {
    const proposal = decodeProposal(signed);
    assert.equal(proposal.creator.mspid, 'Org1MSP');
    assert.equal(Buffer.from(proposal.creator.idBytes).toString('utf8'), certificate);
    assert.equal(proposal.timestamp.seconds.toNumber(), Math.floor(timestamp.getTime() / 1000));
    assert.equal(proposal.timestamp.seconds.unsigned, true);
    assert.equal(proposal.timestamp.nanos, 789_000_000);
    assert.deepEqual([...proposal.transient], [['secret', Buffer.from('value')]]);
    assert.equal(proposal.creator, proposal.creator, 'converted once');
});

test('the binding is SHA-256 of nonce, creator and the epoch as 8 little-endian bytes', () => {
    const proposal = decodeProposal(signed);
    const identity = proposal.signedProposal.proposal.header.signatureHeader.creator;
    assert.equal(identity, proposal.creator);
    // The creator bytes hashed are the SerializedIdentity as sent: rebuild them from a second decode's layers.
    const creatorBytes = Buffer.concat([
        Buffer.from([0x0a, 7]),
        Buffer.from('Org1MSP'),
        Buffer.from([0x12, certificate.length]),
        Buffer.from(certificate),
    ]);
    const expected = createHash('sha256').update(nonce).update(creatorBytes).update(Buffer.alloc(8)).digest('hex');
    assert.equal(proposal.binding, expected);
});

test('the signed proposal, shaped like fabric-shim', () => {
    const proposal = decodeProposal(signed);
    const { signature, proposal: inner } = proposal.signedProposal;
    assert.deepEqual(signature, Buffer.from('signature'));
    const header = inner.header.channelHeader;
    assert.equal(header.channelId, 'mychannel');
    assert.equal(header.txId, built.txId);
    assert.equal(header.type, 3);
    assert.equal(header.epoch, 0);
    assert.equal(header.timestamp, proposal.timestamp);
    assert.ok(Buffer.isBuffer(header.extension) && header.extension.length > 0);
    assert.ok(Buffer.isBuffer(header.tlsCertHash) && header.tlsCertHash.length === 0);
    assert.deepEqual(inner.header.signatureHeader.nonce, nonce);
    assert.equal(inner.payload.transientMap, proposal.transient);
    assert.ok(Buffer.isBuffer(inner.payload.input) && inner.payload.input.length > 0);
});

test('a malformed layer throws at once, before anything is asked for', () => {
    assert.throws(() =>
        decodeProposal({ proposal_bytes: Buffer.from([0x0a, 0xff, 0x01]), signature: Buffer.alloc(0) }),
    );
    // A well-formed Proposal whose header field is not a Header.
    const badHeader = Buffer.from([0x0a, 0x03, 0x0a, 0xff, 0x01]);
    assert.throws(() => decodeProposal({ proposal_bytes: badHeader, signature: Buffer.alloc(0) }));
});

test('an empty proposal decodes to defaults', () => {
    const proposal = decodeProposal({ proposal_bytes: Buffer.alloc(0), signature: Buffer.alloc(0) });
    assert.equal(proposal.creator.mspid, '');
    // A plain Uint8Array, as fabric-shim's protobuf library gives it (its JSON is not a Buffer's).
    assert.ok(proposal.creator.idBytes instanceof Uint8Array && !Buffer.isBuffer(proposal.creator.idBytes));
    assert.equal(proposal.timestamp.seconds.toNumber(), 0);
    assert.equal(proposal.transient.size, 0);
    assert.equal(typeof proposal.binding, 'string');
    assert.equal(proposal.signedProposal.proposal.header.channelHeader.txId, '');
});

test('ChaincodeInput decodes without toObject to the Output shape', () => {
    const input = chaincodeInputCodec.decode(
        Buffer.from(chaincodeInputCodec.encode({ args: [Buffer.from('a')], decorations: { d: Buffer.from('v') } })),
    );
    assert.deepEqual(input.args, [Buffer.from('a')]);
    assert.ok(Buffer.isBuffer(input.args[0]));
    assert.deepEqual({ ...input.decorations }, { d: Buffer.from('v') });
    assert.equal(input.is_init, false);
    const empty = chaincodeInputCodec.decode(Buffer.alloc(0));
    assert.deepEqual([...empty.args], []);
    assert.deepEqual({ ...empty.decorations }, {});
    assert.equal(empty.is_init, false);
});
