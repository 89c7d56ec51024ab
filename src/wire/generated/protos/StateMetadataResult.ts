// Original file: protos/peer/chaincode_shim.proto

import type {
    StateMetadata as _protos_StateMetadata,
    StateMetadata__Output as _protos_StateMetadata__Output,
} from '../protos/StateMetadata.ts';

export interface StateMetadataResult {
    entries?: _protos_StateMetadata[];
}

export interface StateMetadataResult__Output {
    entries: _protos_StateMetadata__Output[];
}
