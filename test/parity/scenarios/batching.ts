// SPDX-License-Identifier: Apache-2.0
//
// The JavaScript contracts again, on a peer whose READY offers write batching (Fabric 3.1).
// fabric-shim 2.5.8 ignores the offer; we buffer writes into WRITE_BATCH_STATE, which must
// leave every outcome unchanged: same reads in the same order, same final write set, same
// answer, and a write the peer refuses still rejects at the call.

import assert from 'node:assert/strict';
import type { Scenario, Step } from '../support/scenario.ts';
import { comparable, type RequestRecord, type StepRecord } from '../support/transcript.ts';

const WRITES = new Set(['PUT_STATE', 'DEL_STATE', 'PUT_STATE_METADATA', 'PURGE_PRIVATE_DATA']);

interface BatchRecord {
    readonly type: number;
    readonly key: string;
    readonly collection: string;
    readonly value: string;
    readonly metadata?: { readonly metakey: string; readonly value: string };
}

const RECORD_TYPES: Readonly<Record<number, string>> = {
    9: 'PUT_STATE',
    10: 'DEL_STATE',
    21: 'PUT_STATE_METADATA',
    23: 'PURGE_PRIVATE_DATA',
};

/** A batch record as the single write request it stands for. */
function unbatched(record: BatchRecord): { type: string; payload: unknown } {
    const type = RECORD_TYPES[record.type] ?? `record type ${record.type}`;
    const { key, collection } = record;
    switch (type) {
        case 'PUT_STATE':
            return { type, payload: { key, value: record.value, collection } };
        case 'PUT_STATE_METADATA':
            return { type, payload: { key, collection, metadata: record.metadata } };
        default:
            return { type, payload: { key, collection } };
    }
}

/** The last write to each (collection, key), as the peer's simulator keeps them. */
function writeSet(requests: readonly RequestRecord[]): Map<string, unknown> {
    const writes = new Map<string, unknown>();
    for (const request of requests) {
        const expanded =
            request.type === 'WRITE_BATCH_STATE'
                ? (request.payload as { recList: BatchRecord[] }).recList.map(unbatched)
                : WRITES.has(request.type)
                  ? [request]
                  : [];
        for (const write of expanded) {
            const { key, collection } = write.payload as { key: string; collection?: string };
            const kind = write.type === 'PUT_STATE_METADATA' ? 'metadata' : 'value';
            writes.set(`${kind} ${collection ?? ''} ${key}`, { type: write.type, payload: write.payload });
        }
    }
    return writes;
}

function reads(requests: readonly RequestRecord[]): RequestRecord[] {
    return requests.filter((r) => r.type !== 'WRITE_BATCH_STATE' && !WRITES.has(r.type));
}

/** Deliberate: ours batches the writes, with the same reads, write set and answer as fabric-shim. */
function batched(theirs: StepRecord, ours: StepRecord): void {
    assert.ok(
        ours.requests.some((r) => r.type === 'WRITE_BATCH_STATE'),
        'ours sent no WRITE_BATCH_STATE',
    );
    assert.deepEqual(comparable(ours).final, comparable(theirs).final);
    assert.deepEqual(reads(ours.requests), reads(theirs.requests));
    assert.deepEqual(writeSet(ours.requests), writeSet(theirs.requests));
}

const steps: Step[] = [
    { args: ['ledger:put', 'a', 'one'], differs: batched },
    { args: ['ledger:writeResults', 'w'], differs: batched },
    { args: ['ledger:put', 'a', 'two'], differs: batched },
    { args: ['ledger:del', 'w'], differs: batched },
    { args: ['ledger:composite', 'color~name', 'blue', 'm1'], differs: batched },
    { args: ['ledger:get', 'a'] },
    { args: ['ledger:historyText', 'a'] },
    { args: ['ledger:putKindCaught', 'c', 'object'] },
    { args: ['query:putThenPage', 'p1'], differs: batched },
    { args: ['query:pageThenPut', 'p2'] },
    { args: ['ledger:peerRefusal', 'late'] },
    { args: ['query:range', '', ''] },
    { args: ['private:putTransient', 'secrets', 's1'], transient: { value: 'secret' } },
    { args: ['private:get', 'secrets', 's1'] },
    { args: ['private:del', 'secrets', 's1'] },
    { args: ['ledger:put', '', 'empty key'] },
    { args: ['ledger:putString', '_reserved', 'for CouchDB'] },
    { args: ['ledger:put', 'json', '{"_id":"x"}'] },
];

export const batchingScenario: Scenario = {
    name: 'ledger+query (write batching)',
    steps,
    ready: { useWriteBatch: true, maxSizeWriteBatch: 100 },
};
