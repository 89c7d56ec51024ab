// Original file: protos/peer/chaincode.proto

export interface ChaincodeID {
    path?: string;
    name?: string;
    version?: string;
}

export interface ChaincodeID__Output {
    path: string;
    name: string;
    version: string;
}
