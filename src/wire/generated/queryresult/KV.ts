// Original file: protos/ledger/queryresult/kv_query_result.proto

export interface KV {
    namespace?: string;
    key?: string;
    value?: Buffer | Uint8Array | string;
}

export interface KV__Output {
    namespace: string;
    key: string;
    value: Buffer;
}
