// Original file: protos/common/common.proto

export interface Header {
    channel_header?: Buffer | Uint8Array | string;
    signature_header?: Buffer | Uint8Array | string;
}

export interface Header__Output {
    channel_header: Buffer;
    signature_header: Buffer;
}
