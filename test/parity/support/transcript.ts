// SPDX-License-Identifier: Apache-2.0
//
// One transaction as the peer saw it, in a form two shims can be compared on: every request
// the chaincode sent (type, txid, channel, payload decoded with @hyperledger/fabric-protos,
// the peer's iterator IDs numbered in order of appearance) and the final COMPLETED/ERROR.

import { createRequire } from 'node:module';
import type { TransactionResult } from '../../../src/testing/index.ts';

interface JspbMessage {
    toObject(): Record<string, unknown>;
}
type JspbClass = { deserializeBinary(bytes: Uint8Array): JspbMessage };

const require = createRequire(import.meta.url);
const { peer } = require('@hyperledger/fabric-protos') as { peer: Record<string, JspbClass> };

/** The payload message of each request type, as the peer decodes it. */
const PAYLOAD_TYPES: Readonly<Record<string, string>> = {
    GET_STATE: 'GetState',
    GET_PRIVATE_DATA_HASH: 'GetState',
    PUT_STATE: 'PutState',
    DEL_STATE: 'DelState',
    PURGE_PRIVATE_DATA: 'DelState',
    GET_STATE_METADATA: 'GetStateMetadata',
    PUT_STATE_METADATA: 'PutStateMetadata',
    GET_STATE_BY_RANGE: 'GetStateByRange',
    GET_QUERY_RESULT: 'GetQueryResult',
    QUERY_STATE_NEXT: 'QueryStateNext',
    QUERY_STATE_CLOSE: 'QueryStateClose',
    GET_HISTORY_FOR_KEY: 'GetHistoryForKey',
    INVOKE_CHAINCODE: 'ChaincodeSpec',
    WRITE_BATCH_STATE: 'WriteBatchState',
    GET_STATE_MULTIPLE: 'GetStateMultiple',
};

export interface RequestRecord {
    readonly type: string;
    readonly txid: string;
    readonly channel: string;
    readonly payload: unknown;
}

export interface FinalRecord {
    readonly type: string;
    readonly status: number;
    readonly message: string;
    readonly payload: string;
    readonly event: { readonly name: string; readonly payload: string } | undefined;
}

export interface StepRecord {
    readonly requests: readonly RequestRecord[];
    readonly final: FinalRecord;
    /** The protocol rules the fake peer saw broken during the step (none, normally). */
    readonly violations: readonly string[];
}

/** UTF-8 text when the bytes are valid UTF-8, else hex (marked). */
export function bytesText(bytes: Uint8Array): string {
    const buffer = Buffer.from(bytes);
    const text = buffer.toString('utf8');
    return Buffer.from(text, 'utf8').equals(buffer) ? text : `hex:${buffer.toString('hex')}`;
}

function decodePayload(type: string, payload: Buffer, iteratorIds: Map<string, string>): unknown {
    const name = PAYLOAD_TYPES[type];
    const decoder = name === undefined ? undefined : peer[name];
    if (decoder === undefined) {
        return `raw:${payload.toString('hex')}`;
    }
    const object = decoder.deserializeBinary(payload).toObject();
    if (typeof object.metadata === 'string' && (type === 'GET_STATE_BY_RANGE' || type === 'GET_QUERY_RESULT')) {
        const metadata = Buffer.from(object.metadata, 'base64');
        const page = metadata.length === 0 ? undefined : peer.QueryMetadata!.deserializeBinary(metadata).toObject();
        // An explicit page size 0 with no bookmark (fabric-shim writes '0' so) and no metadata
        // at all both mean "not paginated" to the peer.
        object.metadata = page === undefined || (page.pagesize === 0 && page.bookmark === '') ? 'none' : page;
    }
    if (typeof object.id === 'string') {
        // The fake peer names iterators with random UUIDs; what matters is which one is meant.
        const ordinal = iteratorIds.get(object.id) ?? `iterator#${iteratorIds.size + 1}`;
        iteratorIds.set(object.id, ordinal);
        object.id = ordinal;
    }
    return object;
}

/** The comparable record of one transaction, with the fake peer's violations seen meanwhile. */
export function recordOf(result: TransactionResult, violations: readonly string[] = []): StepRecord {
    const iteratorIds = new Map<string, string>();
    const requests = result.requests.map((message) => ({
        type: message.type,
        txid: message.txid,
        channel: message.channel_id,
        payload: decodePayload(message.type, message.payload, iteratorIds),
    }));
    return {
        requests,
        violations,
        final: {
            type: result.type,
            status: result.status,
            message: result.message,
            payload: bytesText(result.payload),
            event: result.event && { name: result.event.name, payload: bytesText(result.event.payload) },
        },
    };
}

/** What must match: everything, except the message of an outcome that is not a success. */
export function comparable(record: StepRecord): StepRecord {
    const { final } = record;
    const success = final.type === 'COMPLETED' && final.status < 400;
    return success ? record : { ...record, final: { ...final, message: '(failure message not compared)' } };
}
