// Original file: protos/peer/chaincode.proto

import type {
    ChaincodeSpec as _protos_ChaincodeSpec,
    ChaincodeSpec__Output as _protos_ChaincodeSpec__Output,
} from '../protos/ChaincodeSpec.ts';

export interface ChaincodeInvocationSpec {
    chaincode_spec?: _protos_ChaincodeSpec | null;
}

export interface ChaincodeInvocationSpec__Output {
    chaincode_spec: _protos_ChaincodeSpec__Output | null;
}
