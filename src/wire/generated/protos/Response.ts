// Original file: protos/peer/proposal_response.proto

export interface Response {
    status?: number;
    message?: string;
    payload?: Buffer | Uint8Array | string;
}

export interface Response__Output {
    status: number;
    message: string;
    payload: Buffer;
}
