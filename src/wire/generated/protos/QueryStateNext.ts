// Original file: protos/peer/chaincode_shim.proto

export interface QueryStateNext {
    id?: string;
}

export interface QueryStateNext__Output {
    id: string;
}
