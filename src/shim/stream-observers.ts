// SPDX-License-Identifier: Apache-2.0
//
// The hooks through which a stream reports what happens on it; main.ts feeds metrics from
// them (src/metrics/stream-metrics.ts), tests wait on them.

import type { RequestObserver } from './request-queue.ts';

/**
 * What went wrong on a peer stream. A small closed set, so a metric label on it stays cheap:
 *
 * - `protocol_violation`: a message not allowed in the stream's current state (the stream is ended);
 * - `decode_error`: a transaction whose input or proposal would not decode (answered with ERROR; the
 *   stream goes on);
 * - `send_failed`: writing a message to the stream failed (the stream is ended);
 * - `message_too_large`: the call failed with RESOURCE_EXHAUSTED; an oversized frame from the peer is
 *   rejected inside grpc-js and usually shows up as `cancelled` instead;
 * - `cancelled`: the call was cancelled (the peer went away, or a forced shutdown cut it);
 * - `other`: any other failure of the call, so none goes uncounted.
 */
export const STREAM_ERROR_REASONS = [
    'protocol_violation',
    'decode_error',
    'send_failed',
    'message_too_large',
    'cancelled',
    'other',
] as const;

/** One of {@link STREAM_ERROR_REASONS}. */
export type StreamErrorReason = (typeof STREAM_ERROR_REASONS)[number];

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
