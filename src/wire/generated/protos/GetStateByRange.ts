// Original file: protos/peer/chaincode_shim.proto

export interface GetStateByRange {
    startKey?: string;
    endKey?: string;
    collection?: string;
    metadata?: Buffer | Uint8Array | string;
}

export interface GetStateByRange__Output {
    startKey: string;
    endKey: string;
    collection: string;
    metadata: Buffer;
}
