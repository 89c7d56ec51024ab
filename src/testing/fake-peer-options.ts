// SPDX-License-Identifier: Apache-2.0
//
// The fake peer's options and the small helpers that turn them into wire values.

import { additionalParamsCodec } from '../wire/codecs.ts';
import type { CreatorIdentity } from './proposal-builder.ts';
import type { InMemoryLedger } from './ledger.ts';

/** What the called chaincode answered: its Response, or an ERROR with this text. */
export type InvokeChaincodeResult =
    | { readonly status: number; readonly message?: string; readonly payload?: Uint8Array | string }
    | { readonly error: string };

/**
 * Plays the chaincode an INVOKE_CHAINCODE calls: `name` without version or channel, the
 * target `channel` (the caller's when the name has none), and the arguments. Throwing
 * fails the call itself (an outer ERROR, as for an ACL or launch failure).
 */
export type InvokeChaincodeHandler = (
    name: string,
    channel: string,
    args: readonly Buffer[],
) => InvokeChaincodeResult | Promise<InvokeChaincodeResult>;

/** What READY carries: nothing (a peer before 3.1), 3.1 capabilities, or raw bytes. */
export type ReadyPayload =
    | undefined
    | Buffer
    | {
          readonly useWriteBatch?: boolean;
          readonly maxSizeWriteBatch?: number;
          readonly useGetMultipleKeys?: boolean;
          readonly maxSizeGetMultipleKeys?: number;
      };

export interface FakePeerOptions {
    /** The package ID REGISTER must carry; any is accepted when omitted (as in dev mode). */
    readonly chaincodeId?: string;
    readonly channelId?: string;
    /** The chaincode name written into proposals. */
    readonly chaincodeName?: string;
    readonly ready?: ReadyPayload;
    /** The proposal creator; a certificate is generated for `Org1MSP` when omitted. */
    readonly creator?: CreatorIdentity;
    readonly ledger?: InMemoryLedger;
    /** false: REGISTER is recorded but not answered; the test sends REGISTERED/READY itself. */
    readonly handshake?: boolean;
    /** false: ledger requests are recorded and held (a peer that hangs) until `answerHeldRequests()`. */
    readonly answerRequests?: boolean;
    /**
     * The Fabric version the fake peer plays, `major.minor` (default '2.5'). Before '2.5' it
     * does not know PURGE_PRIVATE_DATA and ends the stream on it, as a real peer does.
     * WRITE_BATCH_STATE and GET_STATE_MULTIPLE follow `ready` instead.
     */
    readonly peerVersion?: string;
    /** Answers INVOKE_CHAINCODE; without it the call fails as a peer that cannot find the chaincode. */
    readonly onInvokeChaincode?: InvokeChaincodeHandler;
}

export interface DialTls {
    /** CA that signed the chaincode server's certificate (connection.json `root_cert`). */
    readonly rootCert: string | Buffer;
    /** The peer's client key and certificate, for mutual TLS. */
    readonly clientKey?: string | Buffer;
    readonly clientCert?: string | Buffer;
}

export interface InvokeOptions {
    readonly channelId?: string;
    /** Sent as INIT with is_init set, instead of TRANSACTION. */
    readonly init?: boolean;
    readonly transient?: Readonly<Record<string, string | Uint8Array>>;
    /** Overrides the txid on the message (the proposal keeps its own). */
    readonly txId?: string;
    /** Sends no proposal, as for system-originated calls. */
    readonly withoutProposal?: boolean;
    /** The client's timestamp in the proposal (now by default); history records it. */
    readonly timestamp?: Date;
}

export function readyPayload(ready: ReadyPayload): Buffer {
    if (ready === undefined) {
        return Buffer.alloc(0);
    }
    if (Buffer.isBuffer(ready)) {
        return ready;
    }
    return Buffer.from(
        additionalParamsCodec.encode({
            use_write_batch: ready.useWriteBatch ?? false,
            max_size_write_batch: ready.maxSizeWriteBatch ?? 0,
            use_get_multiple_keys: ready.useGetMultipleKeys ?? false,
            max_size_get_multiple_keys: ready.maxSizeGetMultipleKeys ?? 0,
        }),
    );
}

export function toBuffer(value: string | Buffer | undefined): Buffer | null {
    if (value === undefined) {
        return null;
    }
    return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}
