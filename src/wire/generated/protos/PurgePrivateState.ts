// Original file: protos/peer/chaincode_shim.proto

export interface PurgePrivateState {
    key?: string;
    collection?: string;
}

export interface PurgePrivateState__Output {
    key: string;
    collection: string;
}
