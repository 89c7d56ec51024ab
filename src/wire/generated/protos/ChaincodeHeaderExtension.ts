// Original file: protos/peer/proposal.proto

import type {
    ChaincodeID as _protos_ChaincodeID,
    ChaincodeID__Output as _protos_ChaincodeID__Output,
} from '../protos/ChaincodeID.ts';

export interface ChaincodeHeaderExtension {
    chaincode_id?: _protos_ChaincodeID | null;
}

export interface ChaincodeHeaderExtension__Output {
    chaincode_id: _protos_ChaincodeID__Output | null;
}
