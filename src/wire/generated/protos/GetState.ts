// Original file: protos/peer/chaincode_shim.proto

export interface GetState {
    key?: string;
    collection?: string;
}

export interface GetState__Output {
    key: string;
    collection: string;
}
