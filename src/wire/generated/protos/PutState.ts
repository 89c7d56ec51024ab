// Original file: protos/peer/chaincode_shim.proto

export interface PutState {
    key?: string;
    value?: Buffer | Uint8Array | string;
    collection?: string;
}

export interface PutState__Output {
    key: string;
    value: Buffer;
    collection: string;
}
