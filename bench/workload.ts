// SPDX-License-Identifier: Apache-2.0
//
// The one workload every target runs: Invoke reads K keys, writes each back, and returns the
// last value read. Shared by the servers (the chaincode) and the driver (the ledger it serves).

/** The package ID every server registers with. */
export const BENCH_CHAINCODE_ID = 'bench_1.0:0000000000000000000000000000000000000000000000000000000000000000';
export const BENCH_CHANNEL = 'mychannel';
/** The largest K the ledger has keys for. */
export const MAX_K = 64;

/** Key i of the ledger. */
export function benchKey(i: number): string {
    return `asset${String(i).padStart(4, '0')}`;
}

/** The value stored under key i: a small asset-transfer style JSON document (about 120 bytes). */
export function benchValue(i: number): Buffer {
    const id = benchKey(i);
    return Buffer.from(
        JSON.stringify({ ID: id, Color: 'blue', Size: 5 + i, Owner: `Owner of ${id}`, AppraisedValue: 300 + i }),
    );
}

/** The arguments of one transaction: function name and K. */
export function benchArgs(k: number): string[] {
    return ['bench', String(k)];
}

/** The stub calls the workload needs; both our stub and fabric-shim's have them. */
export interface WorkloadStub {
    getFunctionAndParameters(): { fcn: string; params: string[] };
    getState(key: string): Promise<Uint8Array>;
    putState(key: string, value: Uint8Array): Promise<void>;
}

const KEYS = Array.from({ length: MAX_K }, (_, i) => benchKey(i));

/**
 * The chaincode's Invoke body: K GET_STATE round trips, then K PUT_STATE, returning the last
 * value read. K is the transaction's second argument; a contract passes the one it was given.
 */
export async function runWorkload(
    stub: WorkloadStub,
    kArgument = stub.getFunctionAndParameters().params[0],
): Promise<Uint8Array> {
    const k = Number(kArgument);
    if (!Number.isInteger(k) || k < 1 || k > MAX_K) {
        throw new Error(`K must be an integer from 1 to ${MAX_K}`);
    }
    const values: Uint8Array[] = [];
    for (let i = 0; i < k; i++) {
        values.push(await stub.getState(KEYS[i] ?? ''));
    }
    for (let i = 0; i < k; i++) {
        await stub.putState(KEYS[i] ?? '', values[i] ?? new Uint8Array(0));
    }
    return values[k - 1] ?? new Uint8Array(0);
}
