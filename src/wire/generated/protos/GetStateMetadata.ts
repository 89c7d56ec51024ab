// Original file: protos/peer/chaincode_shim.proto

export interface GetStateMetadata {
    key?: string;
    collection?: string;
}

export interface GetStateMetadata__Output {
    key: string;
    collection: string;
}
