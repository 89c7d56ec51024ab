// SPDX-License-Identifier: Apache-2.0
//
// Decodes the SignedProposal the peer forwards with a transaction into what the stub
// exposes: creator, transient data, timestamp and binding. Every layer is decoded up front,
// so a malformed proposal is refused before user code runs, but the conversion to what the
// stub returns (and the binding's SHA-256) waits for the first stub call that asks: most
// transactions never do, and doing it eagerly was ~17% of the server's CPU at K=1
// (BENCHMARKS.md).

import { createHash } from 'node:crypto';
import Long from 'long';
import type protobuf from 'protobufjs';
import type { SignedProposal__Output } from '../wire/generated/protos/SignedProposal.ts';
import { protoRoot } from '../wire/protos.ts';
import { toBuffer, type RawBytes } from '../wire/conversion-shortcuts.ts';
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

/** An int64 as protobufjs decodes it: a Long, or a number when no Long library is loaded. */
type RawLong = Long | number;

interface RawProposal {
    readonly header: RawBytes;
    readonly payload: RawBytes;
}
interface RawHeader {
    readonly channel_header: RawBytes;
    readonly signature_header: RawBytes;
}
interface RawChannelHeader {
    readonly type: number;
    readonly version: number;
    readonly timestamp: { readonly seconds: RawLong; readonly nanos: number } | null;
    readonly channel_id: string;
    readonly tx_id: string;
    readonly epoch: RawLong;
    readonly extension: RawBytes;
    readonly tls_cert_hash: RawBytes;
}
interface RawSignatureHeader {
    readonly creator: RawBytes;
    readonly nonce: RawBytes;
}
interface RawIdentity {
    readonly mspid: string;
    readonly id_bytes: RawBytes;
}
interface RawPayload {
    readonly input: RawBytes;
    readonly TransientMap: Readonly<Record<string, RawBytes>>;
}

const proposalType = protoRoot().lookupType('protos.Proposal');
const headerType = protoRoot().lookupType('common.Header');
const channelHeaderType = protoRoot().lookupType('common.ChannelHeader');
const signatureHeaderType = protoRoot().lookupType('common.SignatureHeader');
const identityType = protoRoot().lookupType('msp.SerializedIdentity');
const payloadType = protoRoot().lookupType('protos.ChaincodeProposalPayload');

/** Type.decode only (no toObject, no Long-to-string); the caller types it with a Raw interface above. */
function decodeRaw(type: protobuf.Type, bytes: RawBytes): unknown {
    return type.decode(bytes as Uint8Array);
}

/** Decodes every layer of the proposal (throws on the first malformed one); converts on demand. */
export function decodeProposal(signed: SignedProposal__Output): DecodedProposal {
    return new LazyProposal(signed);
}

class LazyProposal implements DecodedProposal {
    readonly #signature: Buffer;
    readonly #channelHeader: RawChannelHeader;
    readonly #signatureHeader: RawSignatureHeader;
    readonly #identity: RawIdentity;
    readonly #payload: RawPayload;
    #creator: SerializedIdentity | undefined;
    #timestamp: Timestamp | undefined;
    #transient: Map<string, Uint8Array> | undefined;
    #binding: string | undefined;
    #signedProposal: SignedProposal | undefined;

    constructor(signed: SignedProposal__Output) {
        const proposal = decodeRaw(proposalType, signed.proposal_bytes) as RawProposal;
        const header = decodeRaw(headerType, proposal.header) as RawHeader;
        this.#signature = signed.signature;
        this.#channelHeader = decodeRaw(channelHeaderType, header.channel_header) as RawChannelHeader;
        this.#signatureHeader = decodeRaw(signatureHeaderType, header.signature_header) as RawSignatureHeader;
        this.#identity = decodeRaw(identityType, this.#signatureHeader.creator) as RawIdentity;
        this.#payload = decodeRaw(payloadType, proposal.payload) as RawPayload;
    }

    get creator(): SerializedIdentity {
        // A plain Uint8Array copy, as fabric-shim's protobuf library hands it (its JSON differs from a Buffer's).
        this.#creator ??= { mspid: this.#identity.mspid, idBytes: new Uint8Array(toBuffer(this.#identity.id_bytes)) };
        return this.#creator;
    }

    get timestamp(): Timestamp {
        const raw = this.#channelHeader.timestamp;
        // `nanos` first, as fabric-shim builds it, so JSON.stringify of it matches.
        this.#timestamp ??= { nanos: raw?.nanos ?? 0, seconds: unsignedLong(raw?.seconds ?? 0) };
        return this.#timestamp;
    }

    get transient(): Map<string, Uint8Array> {
        this.#transient ??= new Map(
            Object.entries(this.#payload.TransientMap).map(([key, value]) => [key, toBuffer(value)]),
        );
        return this.#transient;
    }

    get binding(): string {
        if (this.#binding === undefined) {
            const epoch = unsignedLong(this.#channelHeader.epoch);
            const epochBytes = Buffer.alloc(8);
            epochBytes.writeUInt32LE(epoch.low >>> 0, 0);
            epochBytes.writeUInt32LE(epoch.high >>> 0, 4);
            this.#binding = createHash('sha256')
                .update(toBuffer(this.#signatureHeader.nonce))
                .update(toBuffer(this.#signatureHeader.creator))
                .update(epochBytes)
                .digest('hex');
        }
        return this.#binding;
    }

    get signedProposal(): SignedProposal {
        const channelHeader = this.#channelHeader;
        this.#signedProposal ??= {
            signature: this.#signature,
            proposal: {
                header: {
                    channelHeader: {
                        type: channelHeader.type,
                        version: channelHeader.version,
                        timestamp: this.timestamp,
                        channelId: channelHeader.channel_id,
                        txId: channelHeader.tx_id,
                        epoch: unsignedLong(channelHeader.epoch).toNumber(),
                        extension: toBuffer(channelHeader.extension),
                        tlsCertHash: toBuffer(channelHeader.tls_cert_hash),
                    },
                    signatureHeader: { creator: this.creator, nonce: toBuffer(this.#signatureHeader.nonce) },
                },
                payload: { input: toBuffer(this.#payload.input), transientMap: this.transient },
            },
        };
        return this.#signedProposal;
    }
}

/** The same 64 bits as an unsigned Long (timestamps and epochs are never negative). */
function unsignedLong(value: RawLong): Long {
    return typeof value === 'number' ? Long.fromNumber(value, true) : Long.fromBits(value.low, value.high, true);
}
