// Original file: protos/peer/chaincode_shim.proto

export interface QueryResponseMetadata {
    fetched_records_count?: number;
    bookmark?: string;
}

export interface QueryResponseMetadata__Output {
    fetched_records_count: number;
    bookmark: string;
}
