// SPDX-License-Identifier: Apache-2.0
//
// The fake peer's view of one transaction: what it records while the chaincode runs, how a
// ledger request is answered, and the result a test receives from the final message.

import type { ChaincodeMessage, ChaincodeMessage__Output } from '../wire/generated/protos/ChaincodeMessage.ts';
import { buildSignedProposal, type CreatorIdentity } from './proposal-builder.ts';
import { chaincodeInputCodec, responseCodec } from '../wire/codecs.ts';
import { messageType } from '../wire/message-type.ts';
import { serveInvokeChaincode } from './chaincode-calls.ts';
import type { FakePeerOptions, InvokeOptions } from './fake-peer-options.ts';
import type { InMemoryLedger } from './ledger.ts';
import { serveLedgerRequest } from './ledger-requests.ts';
import { PeerRequestError, type SimulatedTransaction } from './simulation.ts';

/** The chaincode's final answer to one transaction. */
export interface TransactionResult {
    readonly type: 'COMPLETED' | 'ERROR';
    /** The Response status; 500 for ERROR, as the endorser reports it. */
    readonly status: number;
    readonly message: string;
    readonly payload: Buffer;
    readonly event: { readonly name: string; readonly payload: Buffer } | undefined;
    readonly txId: string;
    readonly channelId: string;
    /** The ledger requests the chaincode sent for this transaction, in order. */
    readonly requests: readonly ChaincodeMessage__Output[];
}

export interface RunningTransaction extends SimulatedTransaction {
    readonly timestamp: Date;
    readonly requests: ChaincodeMessage__Output[];
    pending: boolean;
    readonly resolve: (result: TransactionResult) => void;
    readonly reject: (err: Error) => void;
}

/** The peer's answer to one request: RESPONSE with the payload, or ERROR with the peer's text. */
export async function answerRequest(
    message: ChaincodeMessage__Output,
    tx: SimulatedTransaction,
    ledger: InMemoryLedger,
    onInvokeChaincode: FakePeerOptions['onInvokeChaincode'],
): Promise<{ type: 'RESPONSE' | 'ERROR'; payload: Buffer }> {
    const type = messageType(message);
    try {
        const payload =
            type === 'INVOKE_CHAINCODE'
                ? await serveInvokeChaincode(message, onInvokeChaincode)
                : serveLedgerRequest(type, message.payload, tx, ledger);
        return { type: 'RESPONSE', payload };
    } catch (err) {
        const reason = err instanceof PeerRequestError ? err.message : `malformed request: ${String(err)}`;
        return { type: 'ERROR', payload: Buffer.from(`${type} failed: transaction ID: ${message.txid}: ${reason}`) };
    }
}

/** What a test receives for the chaincode's COMPLETED or ERROR. */
export function finalResult(tx: RunningTransaction, message: ChaincodeMessage__Output): TransactionResult {
    const base = { txId: tx.txId, channelId: tx.channelId, requests: tx.requests };
    if (message.type === 'ERROR') {
        const text = message.payload.toString('utf8');
        return { ...base, type: 'ERROR', status: 500, message: text, payload: Buffer.alloc(0), event: undefined };
    }
    const response = responseCodec.decode(message.payload);
    const event = message.chaincode_event;
    return {
        ...base,
        type: 'COMPLETED',
        status: response.status,
        message: response.message,
        payload: response.payload,
        event: event ? { name: event.event_name, payload: event.payload } : undefined,
    };
}

/** The INIT or TRANSACTION message that starts a transaction, with a signed proposal unless told otherwise. */
export function transactionMessage(
    args: readonly (string | Uint8Array)[],
    options: InvokeOptions,
    peer: { readonly channelId: string; readonly chaincodeName: string; readonly creator: CreatorIdentity },
): { message: ChaincodeMessage & { txid: string; channel_id: string }; isInit: boolean; timestamp: Date } {
    const channelId = options.channelId ?? peer.channelId;
    const argBytes = args.map((arg) => (typeof arg === 'string' ? Buffer.from(arg, 'utf8') : arg));
    const transient = new Map(
        Object.entries(options.transient ?? {}).map(([k, v]) => [k, typeof v === 'string' ? Buffer.from(v) : v]),
    );
    const timestamp = options.timestamp ?? new Date();
    const built = buildSignedProposal({
        channelId,
        chaincodeName: peer.chaincodeName,
        args: argBytes,
        creator: peer.creator,
        transient,
        timestamp,
    });
    const isInit = options.init ?? false;
    const message = {
        type: isInit ? ('INIT' as const) : ('TRANSACTION' as const),
        payload: chaincodeInputCodec.encode({ args: argBytes, is_init: isInit }),
        txid: options.txId ?? built.txId,
        channel_id: channelId,
        proposal: options.withoutProposal ? null : built.signedProposal,
    };
    return { message, isInit, timestamp };
}
