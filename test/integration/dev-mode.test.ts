// SPDX-License-Identifier: Apache-2.0
//
// Dev (client) mode beyond the shared conformance suite: the chaincode dials the peer's
// listener, survives the peer going away and coming back, reports readiness through the
// sidecar, and dials with TLS and mutual TLS.

import assert from 'node:assert/strict';
import { describe, test, type TestContext } from 'node:test';
import pino from 'pino';
import { createMetrics } from '../../src/metrics/metrics.ts';
import { DevModeDialer, reconnectDelay, type PeerTls } from '../../src/shim/dev-mode-dialer.ts';
import { buildSidecar } from '../../src/sidecar/app.ts';
import { Health } from '../../src/sidecar/health.ts';
import { createTlsFixture } from '../../src/testing/certs.ts';
import { FakePeerListener, type ListenerTls } from '../../src/testing/fake-peer-listener.ts';
import { probeChaincode } from '../fixtures/probe-chaincode.ts';
import { TEST_PACKAGE_ID } from '../../src/testing/index.ts';

function startListener(t: TestContext, address: string, tls?: ListenerTls): Promise<[FakePeerListener, number]> {
    const listener = new FakePeerListener({ chaincodeId: TEST_PACKAGE_ID });
    t.after(() => {
        listener.stop();
    });
    return listener.listen(address, tls).then((port) => [listener, port]);
}

function startClient(
    t: TestContext,
    port: number,
    options: { tls?: PeerTls; onConnectionChange?: (registered: boolean) => void } = {},
): DevModeDialer {
    const client = new DevModeDialer({
        chaincodeId: TEST_PACKAGE_ID,
        chaincode: probeChaincode(),
        peerAddress: `localhost:${port}`,
        logger: pino({ level: 'silent' }),
        reconnectInitialMs: 20,
        reconnectMaxMs: 100,
        ...options,
    });
    t.after(() => {
        client.forceClose();
    });
    client.start();
    return client;
}

describe('dev mode', () => {
    test('backs off exponentially between dial attempts, capped at the maximum', () => {
        assert.deepEqual(
            [1, 2, 3, 4, 5, 6, 10].map((attempt) => reconnectDelay(attempt, 500, 4_000)),
            [500, 1_000, 2_000, 4_000, 4_000, 4_000, 4_000],
        );
        assert.equal(reconnectDelay(1, 500, 100), 500);
    });

    test('registers again when the peer stops and comes back, and the sidecar readiness follows', async (t) => {
        const [first, port] = await startListener(t, '127.0.0.1:0');
        const health = new Health();
        const sidecar = buildSidecar({
            logger: pino({ level: 'silent' }),
            metrics: createMetrics(),
            health,
            info: () => ({
                packageId: TEST_PACKAGE_ID,
                label: 'basic_1.0',
                templateVersion: 'test',
                mode: 'client',
                tls: 'off',
                uptimeSeconds: 0,
                openStreams: 0,
            }),
        });
        t.after(() => sidecar.close());
        const changes: boolean[] = [];
        const waiters: { value: boolean; resolve: () => void }[] = [];
        const readiness = async (): Promise<number> => (await sidecar.inject('/readyz')).statusCode;
        const becomes = (value: boolean): Promise<void> => new Promise((resolve) => waiters.push({ value, resolve }));
        assert.equal(await readiness(), 503);

        const registered = becomes(true);
        const client = startClient(t, port, {
            onConnectionChange: (value) => {
                changes.push(value);
                if (value) {
                    health.markServing();
                } else {
                    health.markNotServing();
                }
                for (const waiter of waiters.filter((w) => w.value === value)) {
                    waiters.splice(waiters.indexOf(waiter), 1);
                    waiter.resolve();
                }
            },
        });
        const peer = await first.accept();
        await registered;
        assert.equal(await readiness(), 200);
        assert.equal((await peer.invoke(['echo', 'one'])).payload.toString(), 'one');

        const lost = becomes(false);
        first.stop();
        await lost;
        assert.equal(await readiness(), 503);
        assert.equal(client.registered, false);

        const again = becomes(true);
        const [second] = await startListener(t, `127.0.0.1:${port}`);
        const back = await second.accept();
        await again;
        assert.equal(await readiness(), 200);
        assert.equal((await back.invoke(['echo', 'two'])).payload.toString(), 'two');
        assert.deepEqual(changes, [true, false, true]);
    });

    test('dials the peer with TLS', async (t) => {
        const certs = await createTlsFixture();
        const [listener, port] = await startListener(t, '127.0.0.1:0', {
            key: certs.server.key,
            cert: certs.server.cert,
        });
        startClient(t, port, { tls: { rootCert: Buffer.from(certs.ca.cert) } });
        const peer = await listener.accept();
        assert.equal((await peer.invoke(['echo', 'tls'])).payload.toString(), 'tls');
    });

    test('dials the peer with mutual TLS, presenting its client certificate', async (t) => {
        const certs = await createTlsFixture();
        const [listener, port] = await startListener(t, '127.0.0.1:0', {
            key: certs.server.key,
            cert: certs.server.cert,
            clientCa: certs.ca.cert,
        });
        startClient(t, port, {
            tls: {
                rootCert: Buffer.from(certs.ca.cert),
                clientKey: Buffer.from(certs.client.key),
                clientCert: Buffer.from(certs.client.cert),
            },
        });
        const peer = await listener.accept();
        assert.equal((await peer.invoke(['echo', 'mtls'])).payload.toString(), 'mtls');
    });
});
