// SPDX-License-Identifier: Apache-2.0
//
// The one pino root logger (JSON to stdout), and grpc-js's own log routed into it.

import * as grpc from '@grpc/grpc-js';
import { format } from 'node:util';
import pino, { type Logger } from 'pino';

export function createLogger(level: string): Logger {
    return pino({ level, base: { service: 'fabric-ccaas' }, timestamp: pino.stdTimeFunctions.isoTime });
}

/** Sends grpc-js's internal log lines to a `component: grpc-js` child, at its own levels. */
export function routeGrpcLogs(logger: Logger): void {
    const log = logger.child({ component: 'grpc-js' });
    grpc.setLogger({
        error: (...args: unknown[]) => {
            log.error(format(...args));
        },
        info: (...args: unknown[]) => {
            log.info(format(...args));
        },
        debug: (...args: unknown[]) => {
            log.debug(format(...args));
        },
    });
    grpc.setLogVerbosity(log.isLevelEnabled('debug') ? grpc.logVerbosity.DEBUG : grpc.logVerbosity.ERROR);
}
