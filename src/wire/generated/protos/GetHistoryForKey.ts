// Original file: protos/peer/chaincode_shim.proto

export interface GetHistoryForKey {
    key?: string;
}

export interface GetHistoryForKey__Output {
    key: string;
}
