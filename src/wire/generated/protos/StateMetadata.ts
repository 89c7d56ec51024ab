// Original file: protos/peer/chaincode_shim.proto

export interface StateMetadata {
    metakey?: string;
    value?: Buffer | Uint8Array | string;
}

export interface StateMetadata__Output {
    metakey: string;
    value: Buffer;
}
