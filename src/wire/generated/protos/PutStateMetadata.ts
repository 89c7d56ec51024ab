// Original file: protos/peer/chaincode_shim.proto

import type {
    StateMetadata as _protos_StateMetadata,
    StateMetadata__Output as _protos_StateMetadata__Output,
} from '../protos/StateMetadata.ts';

export interface PutStateMetadata {
    key?: string;
    collection?: string;
    metadata?: _protos_StateMetadata | null;
}

export interface PutStateMetadata__Output {
    key: string;
    collection: string;
    metadata: _protos_StateMetadata__Output | null;
}
