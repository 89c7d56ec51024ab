// Original file: protos/peer/chaincode_shim.proto

export interface QueryResultBytes {
    resultBytes?: Buffer | Uint8Array | string;
}

export interface QueryResultBytes__Output {
    resultBytes: Buffer;
}
