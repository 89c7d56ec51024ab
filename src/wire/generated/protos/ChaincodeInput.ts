// Original file: protos/peer/chaincode.proto

export interface ChaincodeInput {
    args?: (Buffer | Uint8Array | string)[];
    decorations?: { [key: string]: Buffer | Uint8Array | string };
    is_init?: boolean;
}

export interface ChaincodeInput__Output {
    args: Buffer[];
    decorations: { [key: string]: Buffer };
    is_init: boolean;
}
