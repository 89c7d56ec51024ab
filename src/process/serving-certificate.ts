// SPDX-License-Identifier: Apache-2.0
//
// Keeps the serving certificate in view: its expiry on the gauge, a warning when it is close,
// and, for file-based TLS, the reloader that serves renewed files with each outcome counted.

import type { Logger } from 'pino';
import type { TlsConfig } from '../config/tls-material.ts';
import type { Metrics } from '../metrics/metrics.ts';
import type { ServerTls } from '../shim/chaincode-server.ts';
import { EXPIRY_WARNING_DAYS, daysLeftIfExpiringSoon } from '../tls/certificate-validity.ts';
import { TlsFileReloader } from '../tls/file-reloader.ts';

export interface ServingCertificateOptions {
    readonly tls: TlsConfig;
    /** Where renewed material goes (ChaincodeServer#updateTls). */
    readonly updateTls: (tls: ServerTls) => void;
    readonly metrics: Metrics;
    readonly logger: Logger;
    /** Debounce of the file watcher, see {@link TlsFileReloader}. */
    readonly debounceMs?: number;
}

/** Starts watching; `close()` stops the watcher (a no-op for inline PEM). */
export function watchServingCertificate(options: ServingCertificateOptions): { close(): void } {
    const { tls, metrics, logger } = options;
    const observe = (notAfter: Date): void => {
        metrics.tlsCertificateExpiry.set(Math.floor(notAfter.getTime() / 1000));
        const daysLeft = daysLeftIfExpiringSoon(notAfter, new Date());
        if (daysLeft !== undefined) {
            logger.warn(
                { notAfter: notAfter.toISOString(), daysLeft, warningDays: EXPIRY_WARNING_DAYS },
                'the serving TLS certificate expires soon: renew it, or peers will fail to connect',
            );
        }
    };
    observe(tls.notAfter);
    if (tls.files === undefined) {
        logger.info('TLS material given inline: it is not reloaded; restart to change it');
        return { close: () => undefined };
    }
    const reloader = new TlsFileReloader({
        files: tls.files,
        inlineClientCa: tls.files.clientCaFile === undefined ? tls.clientCa : undefined,
        served: tls,
        apply: options.updateTls,
        logger,
        debounceMs: options.debounceMs,
        onResult: (result) => {
            metrics.tlsReloads.inc({ outcome: result.outcome });
            if (result.outcome === 'success') {
                observe(result.notAfter);
            }
        },
    });
    reloader.start();
    return reloader;
}
