// Original file: protos/common/common.proto

export interface SignatureHeader {
    creator?: Buffer | Uint8Array | string;
    nonce?: Buffer | Uint8Array | string;
}

export interface SignatureHeader__Output {
    creator: Buffer;
    nonce: Buffer;
}
