// SPDX-License-Identifier: Apache-2.0
//
// The shutdown sequence, run once on SIGTERM, SIGINT or an uncaught error: not ready, streams
// drained within the grace period, the sidecar closed last, and a failing exit when the drain
// was cut short.

import closeWithGrace from 'close-with-grace';
import type { Logger } from 'pino';
import type { Health } from '../sidecar/health.ts';
import type { ChaincodeEndpoint } from './chaincode-endpoint.ts';

export interface ShutdownOptions {
    readonly logger: Logger;
    /** How long the streams get to drain. */
    readonly graceMs: number;
    readonly health: Health;
    readonly endpoint: Pick<ChaincodeEndpoint, 'close'>;
    /** Closed after the streams, so probes and scrapes answer while they drain. */
    readonly sidecar: { close(): Promise<unknown> };
}

/** How long after the grace period close-with-grace waits before it exits regardless. */
const HARD_STOP_MARGIN_MS = 5_000;

/** Installs the signal and error handlers (close-with-grace) that run the shutdown sequence. */
export function shutDownOnSignals(options: ShutdownOptions): void {
    const { logger, graceMs, health, endpoint, sidecar } = options;
    closeWithGrace(
        {
            delay: graceMs + HARD_STOP_MARGIN_MS,
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
            logger.info({ signal, graceMs }, 'draining');
            health.startDraining();
            const clean = await endpoint.close(graceMs);
            await sidecar.close();
            if (!clean) {
                throw new Error('the drain was cut at the grace deadline');
            }
            logger.info('shutdown complete');
        },
    );
}
