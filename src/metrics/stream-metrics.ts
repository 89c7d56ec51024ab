// SPDX-License-Identifier: Apache-2.0
//
// Connects the stream handlers' observer hooks to the Prometheus metrics, caching the
// labelled children the per-message path uses.

import type { Counter, Histogram } from 'prom-client';
import type { Metrics } from './metrics.ts';
import type { StreamObservers } from '../shim/stream-observers.ts';

/** Observers that feed `metrics`; handed to the ChaincodeServer (or the dev-mode client). */
export function observeStreams(metrics: Metrics): StreamObservers {
    // One map per direction, keyed by the message type: no key string built per message.
    const messageCounters = {
        received: new Map<string, Counter.Internal>(),
        sent: new Map<string, Counter.Internal>(),
    };
    const requestTimers = new Map<string, Histogram.Internal<'request'>>();
    return {
        onMessage: (direction, type) => {
            const counters = messageCounters[direction];
            let counter = counters.get(type);
            if (counter === undefined) {
                counter = metrics.messages.labels({ direction, type });
                counters.set(type, counter);
            }
            counter.inc();
        },
        onRegistered: () => {
            metrics.registrations.inc();
        },
        onTransactionStart: () => {
            metrics.transactionsInFlight.inc();
        },
        onTransactionEnd: ({ type, functionName, ok, seconds }) => {
            metrics.transactionsInFlight.dec();
            metrics.transactionDuration.observe(
                { type, function: metrics.functionLabel(functionName), outcome: ok ? 'ok' : 'error' },
                seconds,
            );
        },
        onRequest: (request, seconds) => {
            let timer = requestTimers.get(request);
            if (timer === undefined) {
                timer = metrics.ledgerRequestDuration.labels({ request });
                requestTimers.set(request, timer);
            }
            timer.observe(seconds);
        },
        onStreamError: (reason) => {
            metrics.streamErrors.inc({ reason });
        },
    };
}
