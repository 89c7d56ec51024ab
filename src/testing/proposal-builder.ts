// SPDX-License-Identifier: Apache-2.0
//
// Builds the SignedProposal a real peer forwards with a transaction: creator, nonce,
// txid = sha256(nonce ‖ creator), client timestamp, transient map, and a real signature
// when the creator's key is known.

import { createHash, createPrivateKey, randomBytes, sign } from 'node:crypto';
import type { SignedProposal } from '../wire/generated/protos/SignedProposal.ts';
import {
    channelHeaderCodec,
    headerCodec,
    headerExtensionCodec,
    invocationSpecCodec,
    proposalCodec,
    proposalPayloadCodec,
    serializedIdentityCodec,
    signatureHeaderCodec,
} from '../wire/codecs.ts';

/** The client that "signed" the proposal. */
export interface CreatorIdentity {
    readonly mspid: string;
    /** PEM certificate (or any bytes for non-X.509 identities). */
    readonly certificate: string;
    /** PEM private key; when given, the proposal carries a real ECDSA signature. */
    readonly privateKey?: string;
}

export interface ProposalInput {
    readonly channelId: string;
    readonly chaincodeName: string;
    readonly args: readonly Uint8Array[];
    readonly creator: CreatorIdentity;
    readonly transient?: ReadonlyMap<string, Uint8Array>;
    readonly timestamp?: Date;
    /** Fixes the nonce (and so the txid); random otherwise. */
    readonly nonce?: Uint8Array;
}

export interface BuiltProposal {
    readonly signedProposal: SignedProposal;
    readonly txId: string;
}

/** The header type of a proposal for chaincode. */
const ENDORSER_TRANSACTION = 3;

export function buildSignedProposal(input: ProposalInput): BuiltProposal {
    const creator = serializedIdentityCodec.encode({
        mspid: input.creator.mspid,
        id_bytes: Buffer.from(input.creator.certificate, 'utf8'),
    });
    const nonce = input.nonce ?? randomBytes(24);
    const txId = createHash('sha256').update(nonce).update(creator).digest('hex');
    const millis = (input.timestamp ?? new Date()).getTime();
    const chaincodeId = { name: input.chaincodeName };

    const channelHeader = channelHeaderCodec.encode({
        type: ENDORSER_TRANSACTION,
        version: 0,
        timestamp: { seconds: String(Math.floor(millis / 1000)), nanos: (millis % 1000) * 1_000_000 },
        channel_id: input.channelId,
        tx_id: txId,
        epoch: '0',
        extension: headerExtensionCodec.encode({ chaincode_id: chaincodeId }),
    });
    const header = headerCodec.encode({
        channel_header: channelHeader,
        signature_header: signatureHeaderCodec.encode({ creator, nonce }),
    });
    const payload = proposalPayloadCodec.encode({
        input: invocationSpecCodec.encode({
            chaincode_spec: { type: 'NODE', chaincode_id: chaincodeId, input: { args: [...input.args] } },
        }),
        TransientMap: Object.fromEntries(input.transient ?? []),
    });
    const proposalBytes = proposalCodec.encode({ header, payload });
    const signature = input.creator.privateKey
        ? sign('sha256', proposalBytes, createPrivateKey(input.creator.privateKey))
        : Buffer.alloc(0);
    return { signedProposal: { proposal_bytes: proposalBytes, signature }, txId };
}
