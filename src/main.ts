#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
//
// The composition root: reads the environment and flags, builds the logger, metrics,
// chaincode server (or dev-mode client) and sidecar, and owns signals and exit codes.

import closeWithGrace from 'close-with-grace';
import { X509Certificate } from 'node:crypto';
import { createRequire } from 'node:module';
import { loadChaincode } from './process/chaincode-loader.ts';
import { loadConfig, type Config, type LoadedConfig } from './config/load-config.ts';
import { parseHostPort } from './shim/host-port.ts';
import { chaincodeFromModule } from './contracts/index.ts';
import { ConfigError } from './config/config-error.ts';
import { createLogger, routeGrpcLogs } from './process/logger.ts';
import { createMetrics } from './metrics/metrics.ts';
import { DevModeDialer } from './shim/dev-mode-dialer.ts';
import { ChaincodeServer } from './shim/chaincode-server.ts';
import { buildSidecar, packageLabel } from './sidecar/app.ts';
import { Health } from './sidecar/health.ts';
import { observeStreams } from './metrics/stream-metrics.ts';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** What main needs of the server (server mode) or the client (dev mode). */
interface ChaincodeEndpoint {
    readonly openStreams: number;
    close(graceMs: number): Promise<boolean>;
}

async function main(): Promise<void> {
    const { config, sources, summary }: LoadedConfig = loadConfig({ env: process.env, args: process.argv.slice(2) });
    const logger = createLogger(config.log.level);
    routeGrpcLogs(logger);
    logger.info({ config: JSON.parse(summary) as unknown, sources }, 'configuration loaded');
    if (config.developmentId) {
        logger.warn(
            { chaincodeId: config.chaincode.id },
            'no chaincode id set (CHAINCODE_ID): using a development id that no peer will accept',
        );
    }

    const chaincode = await loadChaincode(config.chaincode.module, chaincodeFromModule);
    const metrics = createMetrics({ knownFunctions: chaincode.functionNames });
    const health = new Health();
    const startedAt = Date.now();
    const shim = {
        chaincodeId: config.chaincode.id,
        chaincode,
        logger: logger.child({ component: 'shim' }),
        mspId: config.chaincode.mspId,
        executeTimeoutMs: config.chaincode.executeTimeoutMs,
        maxReceiveMessageBytes: config.grpc.maxReceiveMessageBytes,
        maxSendMessageBytes: config.grpc.maxSendMessageBytes,
        observers: observeStreams(metrics),
    };
    if (config.peer === undefined && config.tls !== undefined) {
        metrics.setTlsCertificateExpiry(Date.parse(new X509Certificate(config.tls.cert).validTo) / 1000);
    }
    let endpoint: ChaincodeEndpoint;
    let begin: () => Promise<void>;
    if (config.peer === undefined) {
        const server = new ChaincodeServer({
            ...shim,
            address: config.chaincode.address,
            tls: config.tls,
            keepalive: config.keepalive,
            onStreamCountChange: (open) => {
                metrics.peerStreams.set(open);
            },
        });
        endpoint = server;
        begin = async () => {
            await server.start();
            health.markServing();
        };
    } else {
        const client = new DevModeDialer({
            ...shim,
            peerAddress: config.peer.address,
            tls: config.peer.tls,
            keepaliveMs: config.peer.keepaliveMs,
            reconnectInitialMs: config.peer.reconnectInitialMs,
            reconnectMaxMs: config.peer.reconnectMaxMs,
            onConnectionChange: (registered) => {
                metrics.peerStreams.set(registered ? 1 : 0);
                if (registered) {
                    health.markServing();
                } else {
                    health.markNotServing();
                }
            },
        });
        endpoint = client;
        begin = () => {
            client.start();
            return Promise.resolve();
        };
    }

    const sidecar = buildSidecar({
        logger: logger.child({ component: 'sidecar' }),
        metrics,
        health,
        info: () => ({
            packageId: config.chaincode.id,
            label: packageLabel(config.chaincode.id),
            templateVersion: version,
            mode: config.mode,
            tls: tlsMode(config),
            uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
            openStreams: endpoint.openStreams,
        }),
    });

    closeWithGrace(
        {
            delay: config.shutdown.graceMs + 5_000,
            logger: {
                error: (m: unknown) => {
                    logger.error(m);
                },
            },
        },
        async ({ signal, err }) => {
            if (err) {
                logger.error({ err }, 'shutting down after an unexpected error');
            }
            logger.info({ signal, graceMs: config.shutdown.graceMs }, 'draining');
            health.startDraining();
            const clean = await endpoint.close(config.shutdown.graceMs);
            await sidecar.close();
            if (!clean) {
                throw new Error('the drain was cut at the grace deadline');
            }
            logger.info('shutdown complete');
        },
    );

    await begin();
    const sidecarAddress = parseHostPort(config.sidecar.address);
    const address = await sidecar.listen({
        host: sidecarAddress?.host,
        port: sidecarAddress?.port,
    });
    logger.info({ address }, 'sidecar listening');
}

function tlsMode(config: Config): 'off' | 'tls' | 'mutual' {
    const tls = config.peer ? config.peer.tls : config.tls;
    if (tls === undefined) {
        return 'off';
    }
    const mutual = 'clientCa' in tls ? tls.clientCa !== undefined : tls.clientKey !== undefined;
    return mutual ? 'mutual' : 'tls';
}

try {
    await main();
} catch (err) {
    if (!(err instanceof ConfigError)) {
        throw err;
    }
    createLogger('info').fatal({ code: err.code }, `invalid configuration: ${err.message}`);
    process.exit(1);
}
