#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
//
// The composition root: reads the environment and flags, builds the logger, metrics,
// chaincode server and sidecar, and owns signals and exit codes.

import closeWithGrace from 'close-with-grace';
import { createRequire } from 'node:module';
import { createChaincode } from './chaincode/index.ts';
import { loadConfig, type LoadedConfig } from './config.ts';
import { ConfigError } from './errors.ts';
import { createLogger, routeGrpcLogs } from './logger.ts';
import { createMetrics } from './metrics.ts';
import { ChaincodeServer } from './shim/chaincode-server.ts';
import { parseHostPort } from './config.ts';
import { buildSidecar, packageLabel } from './sidecar/app.ts';
import { Health } from './sidecar/health.ts';
import { observeStreams } from './stream-metrics.ts';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

async function main(): Promise<void> {
    let loaded: LoadedConfig;
    try {
        loaded = loadConfig({ env: process.env, args: process.argv.slice(2) });
    } catch (err) {
        if (err instanceof ConfigError) {
            createLogger('info').fatal({ code: err.code }, `invalid configuration: ${err.message}`);
            process.exit(1);
        }
        throw err;
    }
    const { config, sources, summary } = loaded;
    const logger = createLogger(config.log.level);
    routeGrpcLogs(logger);
    logger.info({ config: JSON.parse(summary) as unknown, sources }, 'configuration loaded');
    if (config.developmentId) {
        logger.warn(
            { chaincodeId: config.chaincode.id },
            'no chaincode id set (CHAINCODE_ID): using a development id that no peer will accept',
        );
    }

    const chaincode = createChaincode();
    const metrics = createMetrics({ knownFunctions: chaincode.functionNames });
    const health = new Health();
    const startedAt = Date.now();
    const server = new ChaincodeServer({
        chaincodeId: config.chaincode.id,
        chaincode,
        address: config.chaincode.address,
        logger: logger.child({ component: 'shim' }),
        tls: config.tls,
        keepalive: config.keepalive,
        maxReceiveMessageBytes: config.grpc.maxReceiveMessageBytes,
        maxSendMessageBytes: config.grpc.maxSendMessageBytes,
        mspId: config.chaincode.mspId,
        observers: observeStreams(metrics),
        onStreamCountChange: (open) => {
            metrics.peerStreams.set(open);
        },
    });
    const sidecar = buildSidecar({
        logger: logger.child({ component: 'sidecar' }),
        metrics,
        health,
        info: () => ({
            packageId: config.chaincode.id,
            label: packageLabel(config.chaincode.id),
            templateVersion: version,
            mode: 'server',
            tls: config.tls === undefined ? 'off' : config.tls.clientCa === undefined ? 'tls' : 'mutual',
            uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
            openStreams: server.openStreams,
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
            const clean = await server.close(config.shutdown.graceMs);
            await sidecar.close();
            if (!clean) {
                throw new Error('the drain was cut at the grace deadline');
            }
            logger.info('shutdown complete');
        },
    );

    await server.start();
    health.markServing();
    const sidecarAddress = parseHostPort(config.sidecar.address);
    await sidecar.listen({ host: sidecarAddress?.host.replace(/^\[|\]$/g, ''), port: sidecarAddress?.port });
}

await main();
