// Original file: protos/peer/chaincode.proto

import type {
    ChaincodeID as _protos_ChaincodeID,
    ChaincodeID__Output as _protos_ChaincodeID__Output,
} from '../protos/ChaincodeID.ts';
import type {
    ChaincodeInput as _protos_ChaincodeInput,
    ChaincodeInput__Output as _protos_ChaincodeInput__Output,
} from '../protos/ChaincodeInput.ts';

// Original file: protos/peer/chaincode.proto

export const _protos_ChaincodeSpec_Type = {
    UNDEFINED: 'UNDEFINED',
    GOLANG: 'GOLANG',
    NODE: 'NODE',
    CAR: 'CAR',
    JAVA: 'JAVA',
} as const;

export type _protos_ChaincodeSpec_Type = 'UNDEFINED' | 0 | 'GOLANG' | 1 | 'NODE' | 2 | 'CAR' | 3 | 'JAVA' | 4;

export type _protos_ChaincodeSpec_Type__Output =
    (typeof _protos_ChaincodeSpec_Type)[keyof typeof _protos_ChaincodeSpec_Type];

export interface ChaincodeSpec {
    type?: _protos_ChaincodeSpec_Type;
    chaincode_id?: _protos_ChaincodeID | null;
    input?: _protos_ChaincodeInput | null;
    timeout?: number;
}

export interface ChaincodeSpec__Output {
    type: _protos_ChaincodeSpec_Type__Output;
    chaincode_id: _protos_ChaincodeID__Output | null;
    input: _protos_ChaincodeInput__Output | null;
    timeout: number;
}
