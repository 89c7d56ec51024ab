// SPDX-License-Identifier: Apache-2.0
//
// The process's Prometheus metrics: one fresh Registry per call, the default Node.js process
// metrics, and every chaincode_ metric object, handed to whoever observes into them.

import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import { STREAM_ERROR_REASONS } from '../shim/stream-observers.ts';

/** The value {@link Metrics.functionLabel} gives every function name the chaincode does not declare. */
export const OTHER_FUNCTION = 'other';

const TRANSACTION_LABELS = ['type', 'function', 'outcome'] as const;
const LEDGER_REQUEST_LABELS = ['request'] as const;
const MESSAGE_LABELS = ['direction', 'type'] as const;
const STREAM_ERROR_LABELS = ['reason'] as const;
const TLS_RELOAD_LABELS = ['outcome'] as const;
const TLS_RELOAD_OUTCOMES = ['success', 'failure'] as const;

// From 1 ms (a pure in-memory invoke) up to the peer's default 30 s execute timeout
// (core.yaml chaincode.executetimeout): a transaction can't take longer than that and still count.
const TRANSACTION_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

// One round-trip to the peer on the same stream: 0.1 ms on a quiet local peer, up to ~1 s for a
// heavy CouchDB rich query.
const LEDGER_REQUEST_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/**
 * Every metric the chaincode process exposes, plus the registry the sidecar serves.
 *
 * The metric objects are prom-client's own, exposed directly so the hot path is one call:
 * `metrics.messages.inc({ direction: 'received', type })`. Where a call site runs per message or per
 * transaction with labels it knows up front, cache the child once (`const sent = metrics.messages.labels({
 * direction: 'sent', type: 'COMPLETED' })`) and call `sent.inc()`: that skips hashing the label set each time.
 */
export interface Metrics {
    /** The registry holding everything below plus the default process metrics; never the global `register`. */
    readonly registry: Registry;
    /** `chaincode_peer_streams`: peer streams currently open. */
    readonly peerStreams: Gauge;
    /** `chaincode_transactions_in_flight`: INIT/TRANSACTION messages received and not yet answered. */
    readonly transactionsInFlight: Gauge;
    /** `chaincode_transaction_duration_seconds`: from INIT/TRANSACTION received to COMPLETED/ERROR sent. */
    readonly transactionDuration: Histogram<(typeof TRANSACTION_LABELS)[number]>;
    /** `chaincode_ledger_request_duration_seconds`: one request to the peer until its RESPONSE/ERROR. */
    readonly ledgerRequestDuration: Histogram<(typeof LEDGER_REQUEST_LABELS)[number]>;
    /** `chaincode_messages_total`: ChaincodeMessages by direction and type name. */
    readonly messages: Counter<(typeof MESSAGE_LABELS)[number]>;
    /** `chaincode_stream_errors_total`: peer streams that failed, by {@link StreamErrorReason}. */
    readonly streamErrors: Counter<(typeof STREAM_ERROR_LABELS)[number]>;
    /** `chaincode_registrations_total`: REGISTERED messages received from a peer. */
    readonly registrations: Counter;
    /** `chaincode_ready`: 1 while `/readyz` answers 200, else 0; the sidecar sets it on each scrape. */
    readonly ready: Gauge;
    /** `chaincode_draining`: 1 once shutdown has begun, else 0; the sidecar sets it on each scrape. */
    readonly draining: Gauge;
    /**
     * `chaincode_tls_certificate_expiry_timestamp_seconds`: the serving certificate's notAfter, in
     * seconds since the epoch. Registered only when {@link MetricsOptions.servingTls} is set.
     */
    readonly tlsCertificateExpiry: Gauge;
    /** `chaincode_tls_reloads_total`: attempts to serve renewed TLS files, by `outcome`. Only with `servingTls`. */
    readonly tlsReloads: Counter<(typeof TLS_RELOAD_LABELS)[number]>;
    /**
     * The `function` label for a function name: the name itself when the chaincode declares it,
     * otherwise {@link OTHER_FUNCTION}. The name comes from a client's args, so it must not become
     * a label value unchecked.
     */
    functionLabel(name: string): string;
}

/** Options for {@link createMetrics}. */
export interface MetricsOptions {
    /** The function names the chaincode declares; each gets its own `function` label value. */
    readonly knownFunctions?: readonly string[];
    /** The server serves TLS: register the TLS metrics (without TLS they would only show a false 0). */
    readonly servingTls?: boolean;
}

/**
 * Creates a fresh registry with the default process metrics and every `chaincode_` metric.
 * Each call is independent, so tests can create as many as they like.
 */
export function createMetrics(options: MetricsOptions = {}): Metrics {
    const registry = new Registry();
    const registers = [registry];
    collectDefaultMetrics({ register: registry });
    const known = new Set(options.knownFunctions);
    return {
        registry,
        ...streamMetrics(registers),
        ...transactionMetrics(registers),
        ...readinessMetrics(registers),
        ...tlsMetrics(options.servingTls === true ? registers : []),
        functionLabel: (name) => (known.has(name) ? name : OTHER_FUNCTION),
    };
}

/** The peer streams: how many are open, the messages on them, how they failed, registrations. */
function streamMetrics(
    registers: Registry[],
): Pick<Metrics, 'peerStreams' | 'messages' | 'streamErrors' | 'registrations'> {
    const streamErrors = new Counter({
        name: 'chaincode_stream_errors_total',
        help: 'Peer streams that ended in an error, by reason.',
        labelNames: STREAM_ERROR_LABELS,
        registers,
    });
    // Export every reason from the start so rate() and alerts see 0 rather than no series.
    for (const reason of STREAM_ERROR_REASONS) {
        streamErrors.inc({ reason }, 0);
    }
    return {
        peerStreams: new Gauge({
            name: 'chaincode_peer_streams',
            help: 'Peer streams currently open.',
            registers,
        }),
        messages: new Counter({
            name: 'chaincode_messages_total',
            help: 'ChaincodeMessages received from or sent to peers, by message type.',
            labelNames: MESSAGE_LABELS,
            registers,
        }),
        streamErrors,
        registrations: new Counter({
            name: 'chaincode_registrations_total',
            help: 'REGISTERED messages received from a peer.',
            registers,
        }),
    };
}

/** Transactions in flight, their duration, and the ledger requests they make. */
function transactionMetrics(
    registers: Registry[],
): Pick<Metrics, 'transactionsInFlight' | 'transactionDuration' | 'ledgerRequestDuration'> {
    return {
        transactionsInFlight: new Gauge({
            name: 'chaincode_transactions_in_flight',
            help: 'Transactions (INIT or TRANSACTION) received and not yet answered.',
            registers,
        }),
        transactionDuration: new Histogram({
            name: 'chaincode_transaction_duration_seconds',
            help: 'Time from receiving INIT or TRANSACTION to sending its COMPLETED or ERROR.',
            labelNames: TRANSACTION_LABELS,
            buckets: TRANSACTION_BUCKETS,
            registers,
        }),
        ledgerRequestDuration: new Histogram({
            name: 'chaincode_ledger_request_duration_seconds',
            help: 'Time from sending a request to the peer to receiving its RESPONSE or ERROR, by message type.',
            labelNames: LEDGER_REQUEST_LABELS,
            buckets: LEDGER_REQUEST_BUCKETS,
            registers,
        }),
    };
}

/** What the sidecar's probes report, as gauges. */
function readinessMetrics(registers: Registry[]): Pick<Metrics, 'ready' | 'draining'> {
    return {
        ready: new Gauge({
            name: 'chaincode_ready',
            help: '1 while the process is ready for traffic (/readyz 200), else 0.',
            registers,
        }),
        draining: new Gauge({
            name: 'chaincode_draining',
            help: '1 once shutdown has begun and the process is draining, else 0.',
            registers,
        }),
    };
}

/** The serving certificate's expiry and its reloads; `registers` is empty for a server without TLS. */
function tlsMetrics(registers: Registry[]): Pick<Metrics, 'tlsCertificateExpiry' | 'tlsReloads'> {
    const tlsReloads = new Counter({
        name: 'chaincode_tls_reloads_total',
        help: 'Attempts to serve a renewed TLS key pair from the watched files, by outcome.',
        labelNames: TLS_RELOAD_LABELS,
        registers,
    });
    for (const outcome of TLS_RELOAD_OUTCOMES) {
        tlsReloads.inc({ outcome }, 0);
    }
    return {
        tlsCertificateExpiry: new Gauge({
            name: 'chaincode_tls_certificate_expiry_timestamp_seconds',
            help: "The serving TLS certificate's notAfter, in seconds since the Unix epoch.",
            registers,
        }),
        tlsReloads,
    };
}
