// Original file: protos/peer/chaincode_event.proto

export interface ChaincodeEvent {
    chaincode_id?: string;
    tx_id?: string;
    event_name?: string;
    payload?: Buffer | Uint8Array | string;
}

export interface ChaincodeEvent__Output {
    chaincode_id: string;
    tx_id: string;
    event_name: string;
    payload: Buffer;
}
