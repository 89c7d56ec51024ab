// Original file: protos/peer/chaincode_shim.proto

export interface QueryMetadata {
    pageSize?: number;
    bookmark?: string;
}

export interface QueryMetadata__Output {
    pageSize: number;
    bookmark: string;
}
