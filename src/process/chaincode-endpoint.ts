// SPDX-License-Identifier: Apache-2.0
//
// The chaincode side of the process in either mode: the gRPC server the peer dials (with the
// serving certificate watched), or the dev-mode dialer; each keeps the readiness state and
// the open-streams gauge in step.

import type { Logger } from 'pino';
import type { PeerDialConfig, TlsConfig } from '../config/load-config.ts';
import type { Metrics } from '../metrics/metrics.ts';
import { ChaincodeServer, type ChaincodeServerOptions } from '../shim/chaincode-server.ts';
import { DevModeDialer } from '../shim/dev-mode-dialer.ts';
import type { HandlerSettings } from '../shim/peer-stream.ts';
import type { Health } from '../sidecar/health.ts';
import { watchServingCertificate } from './serving-certificate.ts';

/** What the process needs of the chaincode side, whichever mode serves it. */
export interface ChaincodeEndpoint {
    /** Peer streams open right now (for `GET /info`). */
    readonly openStreams: number;
    /** Binds the port (server mode) or starts dialling the peer (dev mode). */
    start(): Promise<void>;
    /** Drains the streams; resolves false when the drain was cut at `graceMs`. */
    close(graceMs: number): Promise<boolean>;
}

/** What both modes hand their streams: the handler settings plus the shim's logger and message limits. */
export type ShimSettings = HandlerSettings &
    Pick<ChaincodeServerOptions, 'logger' | 'maxReceiveMessageBytes' | 'maxSendMessageBytes'>;

/** What an endpoint is built from besides its mode's own settings. */
export interface EndpointParts {
    readonly shim: ShimSettings;
    readonly metrics: Metrics;
    readonly health: Health;
    /** The root logger; the certificate watcher logs on a `tls` child of it. */
    readonly logger: Logger;
}

/** Server mode's own settings. */
export interface ServerSettings {
    readonly address: string;
    readonly tls: TlsConfig | undefined;
    readonly keepalive: { readonly timeMs: number; readonly timeoutMs: number };
}

/**
 * Server mode: the peer dials us. Ready once the port is bound; with TLS, the serving
 * certificate is watched from then until the drain begins.
 */
export function serverEndpoint(parts: EndpointParts, settings: ServerSettings): ChaincodeEndpoint {
    const { metrics, health, logger } = parts;
    const server = new ChaincodeServer({
        ...parts.shim,
        address: settings.address,
        tls: settings.tls,
        keepalive: settings.keepalive,
        onStreamCountChange: (open) => {
            metrics.peerStreams.set(open);
        },
    });
    let watcher: { close(): void } | undefined;
    return {
        get openStreams(): number {
            return server.openStreams;
        },
        start: async () => {
            await server.start();
            if (settings.tls !== undefined) {
                watcher = watchServingCertificate({
                    tls: settings.tls,
                    updateTls: (material) => {
                        server.updateTls(material);
                    },
                    metrics,
                    logger: logger.child({ component: 'tls' }),
                });
            }
            health.markServing();
        },
        close: (graceMs) => {
            watcher?.close();
            return server.close(graceMs);
        },
    };
}

/** Dev mode: we dial the peer. Ready while registered with it, not ready between reconnects. */
export function devModeEndpoint(parts: EndpointParts, peer: PeerDialConfig): ChaincodeEndpoint {
    const { metrics, health } = parts;
    const client = new DevModeDialer({
        ...parts.shim,
        peerAddress: peer.address,
        tls: peer.tls,
        keepaliveMs: peer.keepaliveMs,
        reconnectInitialMs: peer.reconnectInitialMs,
        reconnectMaxMs: peer.reconnectMaxMs,
        onConnectionChange: (registered) => {
            metrics.peerStreams.set(registered ? 1 : 0);
            if (registered) {
                health.markServing();
            } else {
                health.markNotServing();
            }
        },
    });
    return {
        get openStreams(): number {
            return client.openStreams;
        },
        start: () => {
            client.start();
            return Promise.resolve();
        },
        close: (graceMs) => client.close(graceMs),
    };
}
