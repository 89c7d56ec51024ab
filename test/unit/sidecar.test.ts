// SPDX-License-Identifier: Apache-2.0
//
// The sidecar's routes, driven through app.inject() with a fresh registry and a silent logger:
// no port is opened.

import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import type { TestContext } from 'node:test';
import { pino } from 'pino';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import { createMetrics } from '../../src/metrics/metrics.ts';
import type { Metrics } from '../../src/metrics/metrics.ts';
import { buildSidecar, packageLabel } from '../../src/sidecar/app.ts';
import type { SidecarInfo } from '../../src/sidecar/app.ts';
import { Health } from '../../src/sidecar/health.ts';

const INFO: SidecarInfo = {
    packageId: 'basic_1.0:4ec191e793b27e953ff2ede5a8bcc63152cecb1e4c3f301a26e22692c61967ad',
    label: 'basic_1.0',
    templateVersion: '0.1.0',
    mode: 'server',
    tls: 'mutual',
    uptimeSeconds: 12.5,
    openStreams: 2,
};

interface Sidecar {
    app: FastifyInstance;
    health: Health;
    metrics: Metrics;
}

function build(t: TestContext, options: { info?: () => SidecarInfo; logger?: FastifyBaseLogger } = {}): Sidecar {
    const health = new Health();
    const metrics = createMetrics({ knownFunctions: ['transfer'] });
    const app = buildSidecar({
        logger: options.logger ?? pino({ level: 'silent' }),
        metrics,
        health,
        info: options.info ?? (() => INFO),
    });
    t.after(() => app.close());
    return { app, health, metrics };
}

test('answers /livez with 200 ok', async (t) => {
    const { app } = build(t);

    const res = await app.inject({ method: 'GET', url: '/livez' });

    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ok' });
});

test('answers /readyz with 503 not ready before the gRPC port is bound', async (t) => {
    const { app } = build(t);

    const res = await app.inject({ method: 'GET', url: '/readyz' });

    assert.equal(res.statusCode, 503);
    assert.deepEqual(res.json(), { status: 'not ready' });
});

test('answers /readyz with 200 ready once the gRPC port is bound', async (t) => {
    const { app, health } = build(t);

    health.markServing();
    const res = await app.inject({ method: 'GET', url: '/readyz' });

    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { status: 'ready' });
});

test('answers /readyz with 503 draining once shutdown starts', async (t) => {
    const { app, health } = build(t);

    health.markServing();
    health.startDraining();
    const res = await app.inject({ method: 'GET', url: '/readyz' });

    assert.equal(res.statusCode, 503);
    assert.deepEqual(res.json(), { status: 'draining' });
});

test('never becomes ready again after draining starts', async (t) => {
    const { app, health } = build(t);

    health.startDraining();
    health.markServing();
    const res = await app.inject({ method: 'GET', url: '/readyz' });

    assert.equal(res.statusCode, 503);
    assert.deepEqual(res.json(), { status: 'draining' });
    assert.equal(health.ready, false);
});

test('keeps answering /livez while draining', async (t) => {
    const { app, health } = build(t);

    health.markServing();
    health.startDraining();
    const res = await app.inject({ method: 'GET', url: '/livez' });

    assert.equal(res.statusCode, 200);
});

test('serves /metrics in the Prometheus text format with chaincode and process metrics', async (t) => {
    const { app, metrics } = build(t);
    metrics.peerStreams.set(3);

    const res = await app.inject({ method: 'GET', url: '/metrics' });

    assert.equal(res.statusCode, 200);
    assert.equal(res.headers['content-type'], metrics.registry.contentType);
    assert.match(res.headers['content-type'] ?? '', /^text\/plain; version=0\.0\.4/);
    for (const name of [
        'chaincode_peer_streams',
        'chaincode_transactions_in_flight',
        'chaincode_transaction_duration_seconds',
        'chaincode_ledger_request_duration_seconds',
        'chaincode_messages_total',
        'chaincode_stream_errors_total',
        'chaincode_registrations_total',
        'process_cpu_user_seconds_total',
    ]) {
        assert.match(res.body, new RegExp(`^# TYPE ${name} `, 'm'), name);
    }
    assert.match(res.body, /^chaincode_peer_streams 3$/m);
});

test('/metrics reports readiness and draining as gauges read at scrape time', async (t) => {
    const { app, health } = build(t);
    const scrape = async (): Promise<string> => (await app.inject({ method: 'GET', url: '/metrics' })).body;

    const starting = await scrape();
    health.markServing();
    const serving = await scrape();
    health.startDraining();
    const draining = await scrape();

    assert.match(starting, /^chaincode_ready 0$/m);
    assert.match(starting, /^chaincode_draining 0$/m);
    assert.match(serving, /^chaincode_ready 1$/m);
    assert.match(draining, /^chaincode_ready 0$/m);
    assert.match(draining, /^chaincode_draining 1$/m);
});

test('serves /info with the package identity and live state', async (t) => {
    let openStreams = 0;
    const { app } = build(t, { info: () => ({ ...INFO, openStreams }) });

    const before = await app.inject({ method: 'GET', url: '/info' });
    openStreams = 4;
    const after = await app.inject({ method: 'GET', url: '/info' });

    assert.equal(before.statusCode, 200);
    assert.deepEqual(before.json(), { ...INFO, openStreams: 0 });
    assert.deepEqual(after.json(), { ...INFO, openStreams: 4 });
});

test('leaves undeclared and secret-looking fields out of /info', async (t) => {
    const leaky = { ...INFO, tlsKey: '-----BEGIN PRIVATE KEY-----', clientSecret: 'hunter2' };
    const { app } = build(t, { info: () => leaky });

    const res = await app.inject({ method: 'GET', url: '/info' });
    const body = res.json<Record<string, unknown>>();

    assert.deepEqual(Object.keys(body).sort(), Object.keys(INFO).sort());
    for (const key of Object.keys(body)) {
        assert.doesNotMatch(key, /key|secret|password|token|cert|pem/i);
    }
    assert.doesNotMatch(res.body, /PRIVATE KEY|hunter2/);
});

test('packageLabel takes the part of the package ID before the last colon', () => {
    assert.equal(packageLabel(INFO.packageId), 'basic_1.0');
    assert.equal(packageLabel('my:odd:label:abc123'), 'my:odd:label');
    assert.equal(packageLabel('no-hash'), 'no-hash');
});

test('logs probe and scrape requests only at warn, other routes at info', async (t) => {
    const lines: string[] = [];
    const sink = new Writable({
        write(chunk: Buffer, _encoding, done) {
            lines.push(chunk.toString());
            done();
        },
    });
    const { app, health } = build(t, { logger: pino({ level: 'info' }, sink) });
    health.markServing();

    for (const url of ['/livez', '/readyz', '/metrics']) {
        await app.inject({ method: 'GET', url });
    }
    assert.equal(lines.length, 0, lines.join(''));

    await app.inject({ method: 'GET', url: '/info' });
    assert.ok(lines.some((l) => l.includes('"url":"/info"')));
});
