// Original file: protos/peer/proposal.proto

export interface ChaincodeProposalPayload {
    input?: Buffer | Uint8Array | string;
    TransientMap?: { [key: string]: Buffer | Uint8Array | string };
}

export interface ChaincodeProposalPayload__Output {
    input: Buffer;
    TransientMap: { [key: string]: Buffer };
}
