// Original file: protos/peer/chaincode_shim.proto

export interface DelState {
    key?: string;
    collection?: string;
}

export interface DelState__Output {
    key: string;
    collection: string;
}
