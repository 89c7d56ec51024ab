// Original file: protos/msp/identities.proto

export interface SerializedIdentity {
    mspid?: string;
    id_bytes?: Buffer | Uint8Array | string;
}

export interface SerializedIdentity__Output {
    mspid: string;
    id_bytes: Buffer;
}
