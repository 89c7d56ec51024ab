// SPDX-License-Identifier: Apache-2.0
//
// The hooks through which a stream reports what happens on it; main.ts feeds metrics from
// them (stream-metrics.ts), tests wait on them.

import type { StreamErrorReason } from '../metrics.ts';
import type { RequestObserver } from './transaction.ts';

/** How a transaction ended, for metrics and logs. */
export interface TransactionOutcome {
    readonly type: 'init' | 'invoke';
    readonly functionName: string;
    readonly ok: boolean;
    readonly seconds: number;
}

/** Optional observers; every one is called on the hot path, so keep them cheap. */
export interface StreamObservers {
    readonly onMessage?: (direction: 'received' | 'sent', type: string) => void;
    readonly onRegistered?: () => void;
    readonly onTransactionStart?: () => void;
    readonly onTransactionEnd?: (outcome: TransactionOutcome) => void;
    readonly onRequest?: RequestObserver;
    readonly onStreamError?: (reason: StreamErrorReason) => void;
}
