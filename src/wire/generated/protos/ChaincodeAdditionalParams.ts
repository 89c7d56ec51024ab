// Original file: protos/peer/chaincode.proto

export interface ChaincodeAdditionalParams {
    use_write_batch?: boolean;
    max_size_write_batch?: number;
    use_get_multiple_keys?: boolean;
    max_size_get_multiple_keys?: number;
}

export interface ChaincodeAdditionalParams__Output {
    use_write_batch: boolean;
    max_size_write_batch: number;
    use_get_multiple_keys: boolean;
    max_size_get_multiple_keys: number;
}
