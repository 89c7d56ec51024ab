#!/usr/bin/env node
// SPDX-License-Identifier: Apache-2.0
//
// The composition root: reads the environment and flags, builds the logger, metrics,
// chaincode server (or dev-mode client) and sidecar, and owns signals and exit codes.

import type { FastifyInstance } from 'fastify';
import { createRequire } from 'node:module';
import type { Logger } from 'pino';
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
import { createMetrics, type Metrics } from './metrics/metrics.ts';
import { buildSidecar, packageLabel } from './sidecar/app.ts';
import { Health } from './sidecar/health.ts';
import { observeStreams } from './metrics/stream-metrics.ts';
import {
    devModeEndpoint,
    serverEndpoint,
    type ChaincodeEndpoint,
    type EndpointParts,
    type ShimSettings,
} from './process/chaincode-endpoint.ts';
import { shutDownOnSignals } from './process/shutdown.ts';
import type { RoutedChaincode } from './shim/router.ts';
import type { Chaincode } from './shim/types.ts';

const { version } = createRequire(import.meta.url)('../package.json') as { version: string };

async function main(): Promise<void> {
    ignoreBrokenStdio();
    const args = process.argv.slice(2);
    if (parseFlags(args).help) {
        process.stdout.write(helpText());
        return;
    }
    const loaded = loadConfig({ env: process.env, args });
    const { config } = loaded;
    const logger = startLogging(loaded);
    const chaincode = await loadServedChaincode(config.chaincode.module, logger);
    const metrics = createMetrics({
        knownFunctions: chaincode.functionNames,
        servingTls: config.peer === undefined && config.tls !== undefined,
    });
    const health = new Health();
    const startedAt = Date.now();
    const endpoint = chaincodeEndpoint(config, {
        shim: shimSettings(config, chaincode, logger, metrics),
        metrics,
        health,
        logger,
    });
    const sidecar = processSidecar(config, { logger, metrics, health, endpoint, startedAt });
    shutDownOnSignals({ logger, graceMs: config.shutdown.graceMs, health, endpoint, sidecar });
    await endpoint.start();
    await listenSidecar(sidecar, config.sidecar.address, logger);
}

/** The root logger at the configured level, with grpc-js's log routed into it and the configuration logged. */
function startLogging({ config, sources, summary }: LoadedConfig): Logger {
    const logger = createLogger(config.log.level);
    routeGrpcLogs(logger);
    logger.info({ config: JSON.parse(summary) as unknown, sources }, 'configuration loaded');
    if (config.developmentId) {
        logger.warn(
            { chaincodeId: config.chaincode.id },
            'no chaincode id set (CHAINCODE_ID): using a development id that no peer will accept',
        );
    }
    return logger;
}

/** The example chaincode or the configured module; the contract runtime only for a contracts module. */
function loadServedChaincode(module: string | undefined, logger: Logger): Promise<RoutedChaincode> {
    return loadChaincode(module, {
        // Before the module loads fabric-contract-api: its copy, or ours (used by src/contracts).
        beforeImport: (entry) => {
            routeContractApiLogs(logger, entry);
            routeContractApiLogs(logger, import.meta.url);
        },
        contracts: async () => {
            const { chaincodeFromModule } = await import('./contracts/index.ts');
            const contractLogger = logger.child({ component: 'contract' });
            return (exports, info) => chaincodeFromModule(exports, { ...info, logger: contractLogger });
        },
    });
}

/** The slice of the configuration every stream's handler gets, in either mode. */
function shimSettings(config: Config, chaincode: Chaincode, logger: Logger, metrics: Metrics): ShimSettings {
    return {
        chaincodeId: config.chaincode.id,
        chaincode,
        logger: logger.child({ component: 'shim' }),
        mspId: config.chaincode.mspId,
        executeTimeoutMs: config.chaincode.executeTimeoutMs,
        maxReceiveMessageBytes: config.grpc.maxReceiveMessageBytes,
        maxSendMessageBytes: config.grpc.maxSendMessageBytes,
        observers: observeStreams(metrics),
    };
}

/** Server mode unless a peer to dial is configured (dev mode). */
function chaincodeEndpoint(config: Config, parts: EndpointParts): ChaincodeEndpoint {
    if (config.peer !== undefined) {
        return devModeEndpoint(parts, config.peer);
    }
    return serverEndpoint(parts, {
        address: config.chaincode.address,
        tls: config.tls,
        keepalive: config.keepalive,
    });
}

interface SidecarParts {
    readonly logger: Logger;
    readonly metrics: Metrics;
    readonly health: Health;
    readonly endpoint: ChaincodeEndpoint;
    /** When the process started, for the uptime `GET /info` reports. */
    readonly startedAt: number;
}

/** The sidecar app (not listening yet), its `GET /info` answered from the configuration and the endpoint. */
function processSidecar(config: Config, parts: SidecarParts): FastifyInstance {
    const { endpoint, startedAt } = parts;
    return buildSidecar({
        logger: parts.logger.child({ component: 'sidecar' }),
        metrics: parts.metrics,
        health: parts.health,
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
}

/** Listens on the configured `host:port` and logs the address it bound. */
async function listenSidecar(sidecar: FastifyInstance, configured: string, logger: Logger): Promise<void> {
    const sidecarAddress = parseHostPort(configured);
    const address = await sidecar.listen({
        host: sidecarAddress?.host,
        port: sidecarAddress?.port,
    });
    logger.info({ address }, 'sidecar listening');
}

/** The transport security of the chaincode connection, for `GET /info`. */
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
