// Original file: protos/peer/proposal.proto

export interface Proposal {
    header?: Buffer | Uint8Array | string;
    payload?: Buffer | Uint8Array | string;
    extension?: Buffer | Uint8Array | string;
}

export interface Proposal__Output {
    header: Buffer;
    payload: Buffer;
    extension: Buffer;
}
