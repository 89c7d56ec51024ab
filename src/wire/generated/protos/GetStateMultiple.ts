// Original file: protos/peer/chaincode_shim.proto

export interface GetStateMultiple {
    keys?: string[];
    collection?: string;
}

export interface GetStateMultiple__Output {
    keys: string[];
    collection: string;
}
