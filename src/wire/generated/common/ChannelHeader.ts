// Original file: protos/common/common.proto

import type {
    Timestamp as _google_protobuf_Timestamp,
    Timestamp__Output as _google_protobuf_Timestamp__Output,
} from '../google/protobuf/Timestamp.ts';
import type { Long } from '@grpc/proto-loader';

export interface ChannelHeader {
    type?: number;
    version?: number;
    timestamp?: _google_protobuf_Timestamp | null;
    channel_id?: string;
    tx_id?: string;
    epoch?: number | string | Long;
    extension?: Buffer | Uint8Array | string;
    tls_cert_hash?: Buffer | Uint8Array | string;
}

export interface ChannelHeader__Output {
    type: number;
    version: number;
    timestamp: _google_protobuf_Timestamp__Output | null;
    channel_id: string;
    tx_id: string;
    epoch: string;
    extension: Buffer;
    tls_cert_hash: Buffer;
}
