// SPDX-License-Identifier: Apache-2.0
//
// The deliberate differences from fabric-shim, as assertions (each one is a row of the
// README's fabric-shim table): where we answer differently, and exactly how.

import assert from 'node:assert/strict';
import type { StepRecord } from './transcript.ts';

/** An argument that does not convert: both refuse before running anything; we answer 400, fabric-shim 500. */
export function argumentRefusedWith400(theirs: StepRecord, ours: StepRecord): void {
    assert.deepEqual([theirs.final.type, theirs.final.status], ['COMPLETED', 500]);
    assert.deepEqual([ours.final.type, ours.final.status], ['COMPLETED', 400]);
    assert.deepEqual(ours.requests, theirs.requests);
    assert.match(ours.final.message, /^parameter "|expects \d+ arguments/);
}

/**
 * putState with undefined or null: fabric-shim sends an empty value, which the peer records
 * as a delete; we refuse the call with a message and send nothing.
 */
export function missingValueRefused(theirs: StepRecord, ours: StepRecord): void {
    assert.equal(theirs.final.status, 200);
    assert.deepEqual(
        theirs.requests.map((r) => [r.type, (r.payload as { value?: string }).value]),
        [['PUT_STATE', '']],
    );
    assert.equal(ours.final.status, 500);
    assert.deepEqual(ours.requests, []);
    assert.match(ours.final.message, /putState: the value must be bytes/);
}

/** A string event payload: fabric-shim's protobuf library reads it as base64; we encode it as UTF-8, as putState does. */
export function stringEventAsUtf8(theirs: StepRecord, ours: StepRecord): void {
    assert.deepEqual(
        { ...ours, final: { ...ours.final, event: undefined } },
        { ...theirs, final: { ...theirs.final, event: undefined } },
    );
    assert.deepEqual(ours.final.event, { name: 'kind', payload: 'text' });
    assert.deepEqual(theirs.final.event, {
        name: 'kind',
        payload: `hex:${Buffer.from('text', 'base64').toString('hex')}`,
    });
}

/** Ours refuses a non-bytes event payload when setEvent is called, so the contract can catch it. */
export function eventRefusedAtTheCall(ours: StepRecord): void {
    assert.deepEqual([ours.final.status, ours.final.payload, ours.final.event], [200, 'refused', undefined]);
}

/**
 * A ledger call the chaincode did not await: we wait for its answer before COMPLETED, always.
 * fabric-shim sends COMPLETED without waiting, so whenever the peer reads it before it has
 * answered the call, the peer sees a transaction completed with a request unanswered (whether
 * it is in time depends on scheduling: this step asserts ours, and fabric-shim's as either).
 */
export function unawaitedCallCompleted(theirs: StepRecord, ours: StepRecord): void {
    assert.deepEqual(ours.final, theirs.final);
    assert.deepEqual(ours.requests, theirs.requests);
    assert.deepEqual(ours.violations, []);
    for (const violation of theirs.violations) {
        assert.match(violation, /COMPLETED sent for .* while one of its requests was unanswered/);
    }
}

/** A throwing Invoke: we answer 500 with its message at once. */
export function throwAnsweredWith500(ours: StepRecord): void {
    assert.deepEqual([ours.final.type, ours.final.status, ours.final.message], ['COMPLETED', 500, 'thrown on purpose']);
}

/** A string validation parameter: fabric-shim's protobuf library reads it as base64; we encode it as UTF-8. */
export function stringPolicyAsUtf8(theirs: StepRecord, ours: StepRecord): void {
    assert.deepEqual(ours.final, theirs.final);
    const policyOf = (record: StepRecord): unknown =>
        record.requests.map((r) => (r.payload as { metadata?: { value?: string } }).metadata?.value);
    assert.deepEqual(policyOf(ours), [Buffer.from('text').toString('base64')]);
    assert.deepEqual(policyOf(theirs), [Buffer.from(Buffer.from('text', 'base64')).toString('base64')]);
}

/** A key that is not a string: fabric-shim encodes it as the empty key; we refuse the call. */
export function nonStringKeyRefused(theirs: StepRecord, ours: StepRecord): void {
    assert.deepEqual(
        theirs.requests.map((r) => [r.type, (r.payload as { key?: string }).key]),
        [['GET_STATE', '']],
    );
    assert.equal(theirs.final.payload, 'read 0');
    assert.deepEqual(ours.requests, []);
    assert.equal(ours.final.payload, 'refused');
}

/** `for await` over the iterator object itself: fabric-shim's is not async-iterable; ours iterates (and closes it). */
export function iteratorObjectIterable(theirs: StepRecord, ours: StepRecord): void {
    assert.equal(theirs.final.payload, 'not iterable');
    assert.match(ours.final.payload, /^iterated k\d/);
    assert.deepEqual(
        theirs.requests.map((r) => r.type),
        ['GET_STATE_BY_RANGE'],
    );
    assert.deepEqual(
        ours.requests.map((r) => r.type),
        ['GET_STATE_BY_RANGE', 'QUERY_STATE_CLOSE'],
    );
}

/** A KV's namespace: fabric-shim's records have none; ours carry it, not enumerable (so their JSON is the same). */
export function namespaceReadable(theirs: StepRecord, ours: StepRecord): void {
    assert.deepEqual(ours.requests, theirs.requests);
    assert.equal(theirs.final.payload, 'undefined,undefined');
    assert.equal(ours.final.payload, 'basic,basic');
}

/**
 * A call the peer sends without a proposal: fabric-shim gives undefined for the creator, the
 * transient map and the binding (and throws a TypeError for the timestamp); we throw a clear
 * error for each, and give an empty transient map.
 */
export function noProposalAccessors(theirs: StepRecord, ours: StepRecord): void {
    assert.deepEqual(JSON.parse(theirs.final.payload), {
        proposal: 'undefined',
        creator: 'undefined',
        timestamp: 'threw',
        transient: 'undefined',
        binding: 'undefined',
        txId: 'chaincode-0',
    });
    assert.deepEqual(JSON.parse(ours.final.payload), {
        proposal: 'undefined',
        creator: 'threw',
        timestamp: 'threw',
        transient: '[object Map]',
        binding: 'threw',
        txId: 'chaincode-0',
    });
}
