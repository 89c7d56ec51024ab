// SPDX-License-Identifier: Apache-2.0
//
// createMetrics: independent registries, bounded function labels, chosen buckets, and the values
// that reach the Prometheus exposition text.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createMetrics } from '../../src/metrics/metrics.ts';
import { STREAM_ERROR_REASONS } from '../../src/shim/stream-observers.ts';

/** The value of one sample line (`name{labels} value`) in exposition text; undefined when absent. */
function sample(text: string, series: string): number | undefined {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

/** The `le` bounds of a histogram's buckets, +Inf excluded, in exposition order. */
function bucketBounds(text: string, name: string): number[] {
    return [...text.matchAll(new RegExp(`^${name}_bucket\\{.*le="([^"]+)".*\\} `, 'gm'))]
        .map((m) => m[1]!)
        .filter((le) => le !== '+Inf')
        .map(Number);
}

test('two metric sets register the same names without colliding', async () => {
    const first = createMetrics();
    const second = createMetrics();

    first.registrations.inc();

    assert.equal(sample(await first.registry.metrics(), 'chaincode_registrations_total'), 1);
    assert.equal(sample(await second.registry.metrics(), 'chaincode_registrations_total'), 0);
});

test('functionLabel keeps declared function names and maps every other name to other', () => {
    const metrics = createMetrics({ knownFunctions: ['transfer', 'balanceOf'] });

    assert.equal(metrics.functionLabel('transfer'), 'transfer');
    assert.equal(metrics.functionLabel('balanceOf'), 'balanceOf');
    assert.equal(metrics.functionLabel('Transfer'), 'other');
    assert.equal(metrics.functionLabel(''), 'other');
    assert.equal(metrics.functionLabel('x'.repeat(10_000)), 'other');
});

test('functionLabel maps every name to other when no functions are declared', () => {
    const metrics = createMetrics();

    assert.equal(metrics.functionLabel('transfer'), 'other');
});

test('counts every observed transaction duration under its labels', async () => {
    const metrics = createMetrics({ knownFunctions: ['transfer'] });
    const labels = { type: 'invoke', function: metrics.functionLabel('transfer'), outcome: 'ok' } as const;

    for (let i = 0; i < 10; i++) {
        metrics.transactionDuration.observe(labels, 0.02);
    }
    metrics.transactionDuration.observe({ type: 'init', function: metrics.functionLabel('init'), outcome: 'error' }, 3);

    const text = await metrics.registry.getSingleMetricAsString('chaincode_transaction_duration_seconds');
    const invoke = 'type="invoke",function="transfer",outcome="ok"';
    assert.equal(sample(text, `chaincode_transaction_duration_seconds_count{${invoke}}`), 10);
    assert.equal(sample(text, `chaincode_transaction_duration_seconds_bucket{le="0.01",${invoke}}`), 0);
    assert.equal(sample(text, `chaincode_transaction_duration_seconds_bucket{le="0.025",${invoke}}`), 10);
    assert.ok(Math.abs(sample(text, `chaincode_transaction_duration_seconds_sum{${invoke}}`)! - 0.2) < 1e-9);
    assert.equal(
        sample(text, 'chaincode_transaction_duration_seconds_count{type="init",function="other",outcome="error"}'),
        1,
    );
});

test('transaction duration buckets run from 1 ms to the 30 s execute timeout', async () => {
    const metrics = createMetrics();
    metrics.transactionDuration.observe({ type: 'invoke', function: 'other', outcome: 'ok' }, 1);

    const text = await metrics.registry.getSingleMetricAsString('chaincode_transaction_duration_seconds');

    assert.deepEqual(
        bucketBounds(text, 'chaincode_transaction_duration_seconds'),
        [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    );
});

test('ledger request duration buckets run from 0.1 ms to 1 s', async () => {
    const metrics = createMetrics();
    metrics.ledgerRequestDuration.observe({ request: 'GET_STATE' }, 0.0003);

    const text = await metrics.registry.getSingleMetricAsString('chaincode_ledger_request_duration_seconds');

    assert.deepEqual(
        bucketBounds(text, 'chaincode_ledger_request_duration_seconds'),
        [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1],
    );
    assert.equal(sample(text, 'chaincode_ledger_request_duration_seconds_bucket{le="0.00025",request="GET_STATE"}'), 0);
    assert.equal(sample(text, 'chaincode_ledger_request_duration_seconds_bucket{le="0.0005",request="GET_STATE"}'), 1);
});

test('counts messages by direction and type, through cached children too', async () => {
    const metrics = createMetrics();
    const sentCompleted = metrics.messages.labels({ direction: 'sent', type: 'COMPLETED' });

    metrics.messages.inc({ direction: 'received', type: 'TRANSACTION' });
    metrics.messages.inc({ direction: 'received', type: 'TRANSACTION' });
    sentCompleted.inc();

    const text = await metrics.registry.getSingleMetricAsString('chaincode_messages_total');
    assert.equal(sample(text, 'chaincode_messages_total{direction="received",type="TRANSACTION"}'), 2);
    assert.equal(sample(text, 'chaincode_messages_total{direction="sent",type="COMPLETED"}'), 1);
});

test('exports every stream error reason as zero before any stream fails', async () => {
    const metrics = createMetrics();
    metrics.streamErrors.inc({ reason: 'decode_error' });

    const text = await metrics.registry.getSingleMetricAsString('chaincode_stream_errors_total');

    for (const reason of STREAM_ERROR_REASONS) {
        const expected = reason === 'decode_error' ? 1 : 0;
        assert.equal(sample(text, `chaincode_stream_errors_total{reason="${reason}"}`), expected, reason);
    }
});

test('gauges report open streams and transactions in flight', async () => {
    const metrics = createMetrics();

    metrics.peerStreams.inc();
    metrics.peerStreams.inc();
    metrics.peerStreams.dec();
    metrics.transactionsInFlight.inc(3);

    const text = await metrics.registry.metrics();
    assert.equal(sample(text, 'chaincode_peer_streams'), 1);
    assert.equal(sample(text, 'chaincode_transactions_in_flight'), 3);
});

test('the registry includes the default process metrics', async () => {
    const text = await createMetrics().registry.metrics();

    assert.match(text, /^process_cpu_user_seconds_total /m);
    assert.match(text, /^nodejs_eventloop_lag_seconds /m);
});

test('rejects a label name that was not declared', () => {
    const metrics = createMetrics();

    assert.throws(() => {
        // @ts-expect-error: 'kind' is not a declared label name; TypeScript and prom-client both refuse it
        metrics.messages.inc({ direction: 'sent', kind: 'COMPLETED' });
    });
});
