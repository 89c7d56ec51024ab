// SPDX-License-Identifier: Apache-2.0
//
// Decodes the SignedProposal the peer forwards with a transaction into what the stub
// exposes: creator, transient data, timestamp and binding.

import { createHash } from 'node:crypto';
import Long from 'long';
import type { SignedProposal__Output } from '../generated/protos/SignedProposal.ts';
import {
    channelHeaderCodec,
    headerCodec,
    proposalCodec,
    proposalPayloadCodec,
    serializedIdentityCodec,
    signatureHeaderCodec,
} from './codecs.ts';
import type { SerializedIdentity, SignedProposal, Timestamp } from './types.ts';

/** Everything the stub derives from one proposal. */
export interface DecodedProposal {
    readonly signedProposal: SignedProposal;
    readonly creator: SerializedIdentity;
    readonly timestamp: Timestamp;
    readonly transient: Map<string, Uint8Array>;
    /** Hex SHA-256 of nonce ‖ creator ‖ epoch (8 bytes, little-endian). */
    readonly binding: string;
}

/** Decodes every layer of the proposal; throws on the first malformed one. */
export function decodeProposal(signed: SignedProposal__Output): DecodedProposal {
    const proposal = proposalCodec.decode(signed.proposal_bytes);
    const header = headerCodec.decode(proposal.header);
    const channelHeader = channelHeaderCodec.decode(header.channel_header);
    const signatureHeader = signatureHeaderCodec.decode(header.signature_header);
    const identity = serializedIdentityCodec.decode(signatureHeader.creator);
    const payload = proposalPayloadCodec.decode(proposal.payload);

    const creator: SerializedIdentity = { mspid: identity.mspid, idBytes: identity.id_bytes };
    const timestamp: Timestamp = {
        seconds: Long.fromString(channelHeader.timestamp?.seconds ?? '0', true),
        nanos: channelHeader.timestamp?.nanos ?? 0,
    };
    const transient = new Map<string, Uint8Array>(Object.entries(payload.TransientMap));
    const epoch = Buffer.alloc(8);
    epoch.writeBigUInt64LE(BigInt(channelHeader.epoch));
    const binding = createHash('sha256')
        .update(signatureHeader.nonce)
        .update(signatureHeader.creator)
        .update(epoch)
        .digest('hex');

    return {
        creator,
        timestamp,
        transient,
        binding,
        signedProposal: {
            signature: signed.signature,
            proposal: {
                header: {
                    channelHeader: {
                        type: channelHeader.type,
                        version: channelHeader.version,
                        timestamp,
                        channelId: channelHeader.channel_id,
                        txId: channelHeader.tx_id,
                        epoch: Number(channelHeader.epoch),
                        extension: channelHeader.extension,
                        tlsCertHash: channelHeader.tls_cert_hash,
                    },
                    signatureHeader: { creator, nonce: signatureHeader.nonce },
                },
                payload: { input: payload.input, transientMap: transient },
            },
        },
    };
}
