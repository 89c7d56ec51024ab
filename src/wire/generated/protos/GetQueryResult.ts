// Original file: protos/peer/chaincode_shim.proto

export interface GetQueryResult {
    query?: string;
    collection?: string;
    metadata?: Buffer | Uint8Array | string;
}

export interface GetQueryResult__Output {
    query: string;
    collection: string;
    metadata: Buffer;
}
