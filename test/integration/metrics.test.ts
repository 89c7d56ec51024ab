// SPDX-License-Identifier: Apache-2.0
//
// A scripted fake-peer session against a server wired to the metrics as main.ts wires it,
// then exact values read back from the sidecar's /metrics.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import { createMetrics, type Metrics } from '../../src/metrics/metrics.ts';
import { buildSidecar } from '../../src/sidecar/app.ts';
import { Health } from '../../src/sidecar/health.ts';
import { observeStreams } from '../../src/metrics/stream-metrics.ts';
import { probeChaincode } from '../fixtures/probe-chaincode.ts';
import { startServer } from '../helpers/server.ts';

/** The value of one sample line, e.g. `chaincode_peer_streams 0`; undefined when absent. */
function sample(text: string, series: string): number | undefined {
    const line = text.split('\n').find((l) => l.startsWith(`${series} `));
    return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

test('/metrics counts a scripted session exactly', async (t) => {
    const metrics: Metrics = createMetrics({ knownFunctions: ['echo', 'throw', 'get'] });
    let open = 0;
    const { connectPeer, server } = await startServer(t, probeChaincode(), {
        observers: observeStreams(metrics),
        onStreamCountChange: (count) => {
            open = count;
            metrics.peerStreams.set(count);
        },
    });
    const sidecar = buildSidecar({
        logger: pino({ level: 'silent' }),
        metrics,
        health: new Health(),
        info: () => ({
            packageId: 'x:1',
            label: 'x',
            templateVersion: 'test',
            mode: 'server',
            tls: 'off',
            uptimeSeconds: 0,
            openStreams: open,
        }),
    });
    t.after(() => sidecar.close());

    const peer = await connectPeer();
    for (let i = 0; i < 10; i++) {
        assert.equal((await peer.invoke(['echo', String(i)])).status, 200);
    }
    assert.equal((await peer.invoke(['throw'])).status, 500);
    assert.equal((await peer.invoke(['get', 'k'])).status, 200);
    assert.equal((await peer.invoke(['noSuchFunctionFromAClient'])).status, 500);

    const during = (await sidecar.inject('/metrics')).body;
    const ok = 'chaincode_transaction_duration_seconds_count{type="invoke",function="echo",outcome="ok"}';
    assert.equal(sample(during, ok), 10);
    assert.equal(
        sample(during, 'chaincode_transaction_duration_seconds_count{type="invoke",function="throw",outcome="error"}'),
        1,
    );
    assert.equal(
        sample(during, 'chaincode_transaction_duration_seconds_count{type="invoke",function="other",outcome="error"}'),
        1,
    );
    assert.equal(sample(during, 'chaincode_ledger_request_duration_seconds_count{request="GET_STATE"}'), 1);
    assert.equal(sample(during, 'chaincode_transactions_in_flight'), 0);
    assert.equal(sample(during, 'chaincode_peer_streams'), 1);
    assert.equal(sample(during, 'chaincode_registrations_total'), 1);
    assert.equal(sample(during, 'chaincode_messages_total{direction="received",type="TRANSACTION"}'), 13);
    assert.equal(sample(during, 'chaincode_messages_total{direction="sent",type="COMPLETED"}'), 13);
    assert.equal(sample(during, 'chaincode_messages_total{direction="sent",type="REGISTER"}'), 1);

    peer.close();
    await peer.ended;
    while (server.openStreams > 0) {
        await new Promise((resolve) => setImmediate(resolve));
    }
    const after = (await sidecar.inject('/metrics')).body;
    assert.equal(sample(after, 'chaincode_peer_streams'), 0);
    assert.equal(sample(after, 'chaincode_stream_errors_total{reason="cancelled"}'), 1);
});
