#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
//
// The composition root: reads the environment and flags, builds the logger, metrics,
// chaincode server (or dev-mode client) and sidecar, and owns signals and exit codes.

import closeWithGrace from 'close-with-grace';
import { createRequire } from 'node:module';
import { loadChaincode } from './process/chaincode-loader.ts';
import { loadConfig, type Config, type LoadedConfig } from './config/load-config.ts';
import { parseHostPort } from './shim/host-port.ts';
import { ConfigError } from './config/config-error.ts';
import { parseFlags } from './config/flags.ts';
import { helpText } from './config/help.ts';
import { errorMessage } from './shim/errors.ts';
import { createLogger, routeGrpcLogs } from './process/logger.ts';
import { ignoreBrokenStdio } from './process/log-destination.ts';
import { routeContractApiLogs } from './process/contract-api-logs.ts';
import { createMetrics } from './metrics/metrics.ts';
import { DevModeDialer } from './shim/dev-mode-dialer.ts';
import { ChaincodeServer } from './shim/chaincode-server.ts';
import { buildSidecar, packageLabel } from './sidecar/app.ts';
import { Health } from './sidecar/health.ts';
import { observeStreams } from './metrics/stream-metrics.ts';
import { watchServingCertificate } from './process/serving-certificate.ts';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

/** What main needs of the server (server mode) or the client (dev mode). */
interface ChaincodeEndpoint {
    readonly openStreams: number;
    close(graceMs: number): Promise<boolean>;
}

async function main(): Promise<void> {
    ignoreBrokenStdio();
    const args = process.argv.slice(2);
    if (parseFlags(args).help) {
        process.stdout.write(helpText());
        return;
    }
    const { config, sources, summary }: LoadedConfig = loadConfig({ env: process.env, args });
    const logger = createLogger(config.log.level);
    routeGrpcLogs(logger);
    logger.info({ config: JSON.parse(summary) as unknown, sources }, 'configuration loaded');
    if (config.developmentId) {
        logger.warn(
            { chaincodeId: config.chaincode.id },
            'no chaincode id set (CHAINCODE_ID): using a development id that no peer will accept',
        );
    }

    const chaincode = await loadChaincode(config.chaincode.module, {
        // Before the module loads fabric-contract-api: its copy, or ours (used by src/contracts).
        beforeImport: (entry) => {
            routeContractApiLogs(logger, entry);
            routeContractApiLogs(logger, import.meta.url);
        },
        contracts: async () => {
            const { chaincodeFromModule } = await import('./contracts/index.ts');
            const contractLogger = logger.child({ component: 'contract' });
            return (exports) => chaincodeFromModule(exports, { logger: contractLogger });
        },
    });
    const metrics = createMetrics({
        knownFunctions: chaincode.functionNames,
        servingTls: config.peer === undefined && config.tls !== undefined,
    });
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
    let endpoint: ChaincodeEndpoint;
    let begin: () => Promise<void>;
    let stopWatching = (): void => undefined;
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
            if (config.tls !== undefined) {
                const watcher = watchServingCertificate({
                    tls: config.tls,
                    updateTls: (material) => {
                        server.updateTls(material);
                    },
                    metrics,
                    logger: logger.child({ component: 'tls' }),
                });
                stopWatching = () => {
                    watcher.close();
                };
            }
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
            stopWatching();
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
    // One fatal line for any start-up failure (a bad setting, a port in use, a module that
    // throws), with the error's cause chain, then exit 1.
    const log = createLogger('info');
    if (err instanceof ConfigError) {
        log.fatal({ code: err.code }, `invalid configuration: ${err.message}`);
    } else {
        log.fatal({ err }, `start-up failed: ${errorMessage(err)}`);
    }
    process.exit(1);
}
