// Original file: protos/peer/chaincode_shim.proto

import type {
    StateMetadata as _protos_StateMetadata,
    StateMetadata__Output as _protos_StateMetadata__Output,
} from '../protos/StateMetadata.ts';

// Original file: protos/peer/chaincode_shim.proto

export const _protos_WriteRecord_Type = {
    UNDEFINED: 'UNDEFINED',
    PUT_STATE: 'PUT_STATE',
    DEL_STATE: 'DEL_STATE',
    PUT_STATE_METADATA: 'PUT_STATE_METADATA',
    PURGE_PRIVATE_DATA: 'PURGE_PRIVATE_DATA',
} as const;

export type _protos_WriteRecord_Type =
    'UNDEFINED' | 0 | 'PUT_STATE' | 9 | 'DEL_STATE' | 10 | 'PUT_STATE_METADATA' | 21 | 'PURGE_PRIVATE_DATA' | 23;

export type _protos_WriteRecord_Type__Output = (typeof _protos_WriteRecord_Type)[keyof typeof _protos_WriteRecord_Type];

export interface WriteRecord {
    key?: string;
    value?: Buffer | Uint8Array | string;
    collection?: string;
    metadata?: _protos_StateMetadata | null;
    type?: _protos_WriteRecord_Type;
}

export interface WriteRecord__Output {
    key: string;
    value: Buffer;
    collection: string;
    metadata: _protos_StateMetadata__Output | null;
    type: _protos_WriteRecord_Type__Output;
}
