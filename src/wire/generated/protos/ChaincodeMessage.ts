// Original file: protos/peer/chaincode_shim.proto

import type {
    Timestamp as _google_protobuf_Timestamp,
    Timestamp__Output as _google_protobuf_Timestamp__Output,
} from '../google/protobuf/Timestamp.ts';
import type {
    SignedProposal as _protos_SignedProposal,
    SignedProposal__Output as _protos_SignedProposal__Output,
} from '../protos/SignedProposal.ts';
import type {
    ChaincodeEvent as _protos_ChaincodeEvent,
    ChaincodeEvent__Output as _protos_ChaincodeEvent__Output,
} from '../protos/ChaincodeEvent.ts';

// Original file: protos/peer/chaincode_shim.proto

export const _protos_ChaincodeMessage_Type = {
    UNDEFINED: 'UNDEFINED',
    REGISTER: 'REGISTER',
    REGISTERED: 'REGISTERED',
    INIT: 'INIT',
    READY: 'READY',
    TRANSACTION: 'TRANSACTION',
    COMPLETED: 'COMPLETED',
    ERROR: 'ERROR',
    GET_STATE: 'GET_STATE',
    PUT_STATE: 'PUT_STATE',
    DEL_STATE: 'DEL_STATE',
    INVOKE_CHAINCODE: 'INVOKE_CHAINCODE',
    RESPONSE: 'RESPONSE',
    GET_STATE_BY_RANGE: 'GET_STATE_BY_RANGE',
    GET_QUERY_RESULT: 'GET_QUERY_RESULT',
    QUERY_STATE_NEXT: 'QUERY_STATE_NEXT',
    QUERY_STATE_CLOSE: 'QUERY_STATE_CLOSE',
    KEEPALIVE: 'KEEPALIVE',
    GET_HISTORY_FOR_KEY: 'GET_HISTORY_FOR_KEY',
    GET_STATE_METADATA: 'GET_STATE_METADATA',
    PUT_STATE_METADATA: 'PUT_STATE_METADATA',
    GET_PRIVATE_DATA_HASH: 'GET_PRIVATE_DATA_HASH',
    PURGE_PRIVATE_DATA: 'PURGE_PRIVATE_DATA',
    WRITE_BATCH_STATE: 'WRITE_BATCH_STATE',
    GET_STATE_MULTIPLE: 'GET_STATE_MULTIPLE',
} as const;

export type _protos_ChaincodeMessage_Type =
    | 'UNDEFINED'
    | 0
    | 'REGISTER'
    | 1
    | 'REGISTERED'
    | 2
    | 'INIT'
    | 3
    | 'READY'
    | 4
    | 'TRANSACTION'
    | 5
    | 'COMPLETED'
    | 6
    | 'ERROR'
    | 7
    | 'GET_STATE'
    | 8
    | 'PUT_STATE'
    | 9
    | 'DEL_STATE'
    | 10
    | 'INVOKE_CHAINCODE'
    | 11
    | 'RESPONSE'
    | 13
    | 'GET_STATE_BY_RANGE'
    | 14
    | 'GET_QUERY_RESULT'
    | 15
    | 'QUERY_STATE_NEXT'
    | 16
    | 'QUERY_STATE_CLOSE'
    | 17
    | 'KEEPALIVE'
    | 18
    | 'GET_HISTORY_FOR_KEY'
    | 19
    | 'GET_STATE_METADATA'
    | 20
    | 'PUT_STATE_METADATA'
    | 21
    | 'GET_PRIVATE_DATA_HASH'
    | 22
    | 'PURGE_PRIVATE_DATA'
    | 23
    | 'WRITE_BATCH_STATE'
    | 24
    | 'GET_STATE_MULTIPLE'
    | 25;

export type _protos_ChaincodeMessage_Type__Output =
    (typeof _protos_ChaincodeMessage_Type)[keyof typeof _protos_ChaincodeMessage_Type];

export interface ChaincodeMessage {
    type?: _protos_ChaincodeMessage_Type;
    timestamp?: _google_protobuf_Timestamp | null;
    payload?: Buffer | Uint8Array | string;
    txid?: string;
    proposal?: _protos_SignedProposal | null;
    chaincode_event?: _protos_ChaincodeEvent | null;
    channel_id?: string;
}

export interface ChaincodeMessage__Output {
    type: _protos_ChaincodeMessage_Type__Output;
    timestamp: _google_protobuf_Timestamp__Output | null;
    payload: Buffer;
    txid: string;
    proposal: _protos_SignedProposal__Output | null;
    chaincode_event: _protos_ChaincodeEvent__Output | null;
    channel_id: string;
}
