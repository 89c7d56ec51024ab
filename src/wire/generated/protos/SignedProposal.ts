// Original file: protos/peer/proposal.proto

export interface SignedProposal {
    proposal_bytes?: Buffer | Uint8Array | string;
    signature?: Buffer | Uint8Array | string;
}

export interface SignedProposal__Output {
    proposal_bytes: Buffer;
    signature: Buffer;
}
