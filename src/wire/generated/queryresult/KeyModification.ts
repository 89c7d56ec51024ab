// Original file: protos/ledger/queryresult/kv_query_result.proto

import type {
    Timestamp as _google_protobuf_Timestamp,
    Timestamp__Output as _google_protobuf_Timestamp__Output,
} from '../google/protobuf/Timestamp.ts';

export interface KeyModification {
    tx_id?: string;
    value?: Buffer | Uint8Array | string;
    timestamp?: _google_protobuf_Timestamp | null;
    is_delete?: boolean;
}

export interface KeyModification__Output {
    tx_id: string;
    value: Buffer;
    timestamp: _google_protobuf_Timestamp__Output | null;
    is_delete: boolean;
}
