// Original file: protos/peer/chaincode_shim.proto

export interface GetStateMultipleResult {
    values?: (Buffer | Uint8Array | string)[];
}

export interface GetStateMultipleResult__Output {
    values: Buffer[];
}
