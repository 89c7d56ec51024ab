// Original file: protos/peer/chaincode_shim.proto

import type {
    QueryResultBytes as _protos_QueryResultBytes,
    QueryResultBytes__Output as _protos_QueryResultBytes__Output,
} from '../protos/QueryResultBytes.ts';

export interface QueryResponse {
    results?: _protos_QueryResultBytes[];
    has_more?: boolean;
    id?: string;
    metadata?: Buffer | Uint8Array | string;
}

export interface QueryResponse__Output {
    results: _protos_QueryResultBytes__Output[];
    has_more: boolean;
    id: string;
    metadata: Buffer;
}
