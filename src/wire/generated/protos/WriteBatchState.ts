// Original file: protos/peer/chaincode_shim.proto

import type {
    WriteRecord as _protos_WriteRecord,
    WriteRecord__Output as _protos_WriteRecord__Output,
} from '../protos/WriteRecord.ts';

export interface WriteBatchState {
    rec?: _protos_WriteRecord[];
}

export interface WriteBatchState__Output {
    rec: _protos_WriteRecord__Output[];
}
