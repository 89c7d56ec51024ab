// Original file: protos/peer/chaincode_shim.proto

export interface QueryStateClose {
    id?: string;
}

export interface QueryStateClose__Output {
    id: string;
}
