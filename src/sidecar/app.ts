// SPDX-License-Identifier: Apache-2.0
//
// The sidecar HTTP app: liveness, readiness, Prometheus metrics and a small info document.
// It is built here and listened on by main.ts, so tests drive it with inject() and no port.

import fastify from 'fastify';
import type { FastifyBaseLogger, FastifyInstance } from 'fastify';
import type { Metrics } from '../metrics/metrics.ts';
import type { Health } from './health.ts';

/** What `GET /info` answers: identification and a little live state, never keys or config values. */
export interface SidecarInfo {
    /** The chaincode package ID this process registers with (`label:hash`). */
    readonly packageId: string;
    /** The package label: the part of the package ID before its last `:` (see {@link packageLabel}). */
    readonly label: string;
    /** This template's version, from package.json. */
    readonly templateVersion: string;
    /** `server`: the peer dials us (chaincode as a service); `client`: we dial the peer. */
    readonly mode: 'server' | 'client';
    /** Transport security on the chaincode gRPC connection. */
    readonly tls: 'off' | 'tls' | 'mutual';
    /** Seconds since the process started. */
    readonly uptimeSeconds: number;
    /** Peer streams currently open. */
    readonly openStreams: number;
}

/** Options for {@link buildSidecar}. */
export type SidecarOptions = Readonly<{
    /** The logger for the app; pass `logger.child({ component: 'sidecar' })`. */
    logger: FastifyBaseLogger;
    /** The process's metrics; `GET /metrics` serves their registry. */
    metrics: Metrics;
    /** The ready/draining state `GET /readyz` reports. */
    health: Health;
    /** Called on every `GET /info` for the current values. */
    info: () => SidecarInfo;
}>;

/**
 * The label part of a package ID (`label:hash` → `label`). A package ID without a `:` is returned whole.
 */
export function packageLabel(packageId: string): string {
    const colon = packageId.lastIndexOf(':');
    return colon === -1 ? packageId : packageId.slice(0, colon);
}

const statusSchema = {
    type: 'object',
    properties: { status: { type: 'string' } },
    required: ['status'],
} as const;

// Serialising through a schema sends only these properties, so a field added to the object
// info() returns never reaches the response unless it is also declared here.
const infoSchema = {
    type: 'object',
    properties: {
        packageId: { type: 'string' },
        label: { type: 'string' },
        templateVersion: { type: 'string' },
        mode: { type: 'string', enum: ['server', 'client'] },
        tls: { type: 'string', enum: ['off', 'tls', 'mutual'] },
        uptimeSeconds: { type: 'number' },
        openStreams: { type: 'integer' },
    },
    required: ['packageId', 'label', 'templateVersion', 'mode', 'tls', 'uptimeSeconds', 'openStreams'],
} as const;

/**
 * Builds the sidecar app with its routes:
 *
 * - `GET /livez`: 200 `{ status: 'ok' }` whenever the process can answer;
 * - `GET /readyz`: 200 `{ status: 'ready' }` when the gRPC port is bound and we are not draining,
 *   otherwise 503 `{ status: 'not ready' }` or 503 `{ status: 'draining' }`;
 * - `GET /metrics`: the Prometheus exposition of `metrics.registry`, with `chaincode_ready` and
 *   `chaincode_draining` set from `health` first;
 * - `GET /info`: the {@link SidecarInfo} from `info()`.
 *
 * Probe and scrape requests log at warn, so a scrape every few seconds adds nothing to the log.
 * The caller listens (on 0.0.0.0, so probes reach the pod IP) and closes the app.
 */
export function buildSidecar(options: SidecarOptions): FastifyInstance {
    const { logger, metrics, health, info } = options;
    const app = fastify({ loggerInstance: logger });

    app.get('/livez', { logLevel: 'warn', schema: { response: { 200: statusSchema } } }, () => ({ status: 'ok' }));

    app.get(
        '/readyz',
        { logLevel: 'warn', schema: { response: { 200: statusSchema, 503: statusSchema } } },
        (_request, reply) => {
            if (health.ready) {
                return { status: 'ready' };
            }
            reply.code(503);
            return { status: health.draining ? 'draining' : 'not ready' };
        },
    );

    app.get('/metrics', { logLevel: 'warn' }, async (_request, reply) => {
        metrics.ready.set(health.ready ? 1 : 0);
        metrics.draining.set(health.draining ? 1 : 0);
        const body = await metrics.registry.metrics();
        return reply.type(metrics.registry.contentType).send(body);
    });

    app.get('/info', { schema: { response: { 200: infoSchema } } }, () => info());

    return app;
}
