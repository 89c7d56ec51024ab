// SPDX-License-Identifier: Apache-2.0
//
// The chaincode side of one peer stream: REGISTER → REGISTERED → READY, then many
// concurrent transactions keyed by (channel, txid). The same handler serves streams the
// peer opened (server mode) and streams we opened (dev mode).

import type { Logger } from 'pino';
import type { StreamErrorReason } from '../metrics.ts';
import { StreamClosedError, errorMessage } from '../errors.ts';
import type { ChaincodeMessage, ChaincodeMessage__Output } from '../generated/protos/ChaincodeMessage.ts';
import { additionalParamsCodec, chaincodeIdCodec, chaincodeInputCodec, responseCodec } from './codecs.ts';
import { decodeProposal, type DecodedProposal } from './proposal.ts';
import { messageType } from './message-type.ts';
import { normaliseResponse } from './response.ts';
import { Stub } from './stub.ts';
import { TransactionContext, type RequestObserver } from './transaction.ts';
import { TransactionTable } from './transaction-table.ts';
import type { Chaincode, ChaincodeResponse } from './types.ts';

/** The stream as the handler sees it: one writer, and a way to end it. */
export interface PeerConnection {
    send(message: ChaincodeMessage): void;
    end(): void;
}

/** What the peer said it understands in READY (Fabric 3.1+); all off for older peers. */
export interface PeerCapabilities {
    readonly writeBatch: boolean;
    readonly maxWriteBatchSize: number;
    readonly getMultipleKeys: boolean;
    readonly maxGetMultipleKeys: number;
}

export const NO_CAPABILITIES: PeerCapabilities = {
    writeBatch: false,
    maxWriteBatchSize: 0,
    getMultipleKeys: false,
    maxGetMultipleKeys: 0,
};

/** How a transaction ended, for metrics and logs. */
export interface TransactionOutcome {
    readonly type: 'init' | 'invoke';
    readonly functionName: string;
    readonly ok: boolean;
    readonly seconds: number;
}

/** Optional observers; the server wires metrics into them. */
export interface StreamObservers {
    readonly onMessage?: (direction: 'received' | 'sent', type: string) => void;
    readonly onRegistered?: () => void;
    readonly onTransactionStart?: () => void;
    readonly onTransactionEnd?: (outcome: TransactionOutcome) => void;
    readonly onRequest?: RequestObserver;
    readonly onStreamError?: (reason: StreamErrorReason) => void;
}

export interface StreamHandlerOptions {
    /** The package ID sent in REGISTER. */
    readonly chaincodeId: string;
    readonly chaincode: Chaincode;
    readonly connection: PeerConnection;
    readonly logger: Logger;
    /** Warn when REGISTERED has not come this long after REGISTER (the peer stays silent on a wrong CCID). */
    readonly registerWarnMs?: number;
    readonly observers?: StreamObservers;
    /** The peer organisation's MSP ID (config `CORE_PEER_LOCALMSPID`), returned by `stub.getMspID()`. */
    readonly mspId?: string | undefined;
    /**
     * Answers a transaction still running after this long with COMPLETED 500 and drops its late
     * result; 0 or unset: no limit. Set it below the peer's own execute timeout (30 s by default).
     */
    readonly executeTimeoutMs?: number | undefined;
}

type State = 'created' | 'established' | 'ready' | 'closed';

/** A transaction in the table: its context, what its outcome is reported as, and its timer. */
interface RunningTransaction {
    readonly tx: TransactionContext;
    readonly type: TransactionOutcome['type'];
    /** The function name's bytes (args[0]), decoded only for onTransactionEnd. */
    readonly functionArg: Buffer | undefined;
    /** performance.now() at the start, when onTransactionEnd wants a duration; else 0. */
    readonly started: number;
    timer: NodeJS.Timeout | undefined;
}

const DEFAULT_REGISTER_WARN_MS = 10_000;

export class StreamHandler {
    readonly #options: StreamHandlerOptions;
    readonly #log: Logger;
    readonly #observers: StreamObservers;
    readonly #transactions = new TransactionTable<RunningTransaction>();
    #state: State = 'created';
    #capabilities: PeerCapabilities = NO_CAPABILITIES;
    #draining = false;
    #registerTimer: NodeJS.Timeout | undefined;
    #idleWaiters: (() => void)[] = [];
    #closedWaiters: (() => void)[] = [];

    constructor(options: StreamHandlerOptions) {
        this.#options = options;
        this.#log = options.logger;
        this.#observers = options.observers ?? {};
    }

    /** The capabilities the peer's READY advertised. */
    get capabilities(): PeerCapabilities {
        return this.#capabilities;
    }

    get state(): State {
        return this.#state;
    }

    /** Transactions started and not yet answered. */
    get inFlight(): number {
        return this.#transactions.size;
    }

    /** Speaks first: REGISTER with our package ID. */
    start(): void {
        const payload = chaincodeIdCodec.encode({ name: this.#options.chaincodeId });
        this.#send({ type: 'REGISTER', payload });
        this.#registerTimer = setTimeout(() => {
            this.#log.warn(
                { chaincodeId: this.#options.chaincodeId },
                'no REGISTERED from the peer yet: check that the chaincode id matches the package installed on the peer',
            );
        }, this.#options.registerWarnMs ?? DEFAULT_REGISTER_WARN_MS);
        this.#registerTimer.unref();
    }

    /** Handles one message from the peer. Never throws. */
    handle(message: ChaincodeMessage__Output): void {
        if (this.#state === 'closed') {
            return;
        }
        const type = messageType(message);
        this.#observers.onMessage?.('received', type);
        if (type === 'KEEPALIVE') {
            this.#send({
                type: 'KEEPALIVE',
                payload: message.payload,
                txid: message.txid,
                channel_id: message.channel_id,
            });
            return;
        }
        switch (this.#state) {
            case 'created':
                if (type === 'REGISTERED') {
                    this.#onRegistered();
                    return;
                }
                break;
            case 'established':
                if (type === 'READY') {
                    this.#onReady(message.payload);
                    return;
                }
                break;
            case 'ready':
                if (type === 'TRANSACTION' || type === 'INIT') {
                    this.#onTransaction(message);
                    return;
                }
                if (type === 'RESPONSE' || type === 'ERROR') {
                    this.#onReply(message);
                    return;
                }
                break;
        }
        this.#protocolError(message, `${type} is not allowed in state ${this.#state}`);
    }

    /**
     * Stops taking transactions: a TRANSACTION or INIT that arrives from now on is answered
     * with ERROR. Resolves when every transaction in flight has been answered or the stream ends.
     */
    drain(): Promise<void> {
        this.#draining = true;
        if (this.#transactions.size === 0 || this.#state === 'closed') {
            return Promise.resolve();
        }
        return new Promise((resolve) => this.#idleWaiters.push(resolve));
    }

    /** Ends the stream from our side (after a drain, or at shutdown). */
    end(): void {
        if (this.#state === 'closed') {
            return;
        }
        try {
            this.#options.connection.end();
        } catch (err) {
            this.#log.debug({ err }, 'ending the stream failed');
        }
        this.close();
    }

    /** The stream has ended (peer closed, cancelled or failed): abandon every transaction on it. */
    close(reason?: Error, kind: StreamErrorReason = 'other'): void {
        if (this.#state === 'closed') {
            return;
        }
        this.#state = 'closed';
        clearTimeout(this.#registerTimer);
        if (reason !== undefined) {
            this.#observers.onStreamError?.(kind);
        }
        const abandoned = this.#transactions.size;
        const closedError = new StreamClosedError(
            `the peer stream closed${reason ? `: ${reason.message}` : ''}; the transaction was abandoned`,
        );
        for (const running of this.#transactions.values()) {
            running.tx.close(closedError);
        }
        this.#log.info({ abandoned, err: reason }, 'stream closed');
        if (abandoned > 0) {
            // A chaincode that returns once its stub call has failed ends as usual within this turn;
            // one that does not is forgotten at the next, so nothing stays counted as in flight.
            setImmediate(() => {
                this.#abandon(closedError);
            });
        }
        this.#wakeIdle();
        for (const wake of this.#closedWaiters.splice(0)) {
            wake();
        }
    }

    /** Resolves when the stream has closed. */
    closed(): Promise<void> {
        if (this.#state === 'closed') {
            return Promise.resolve();
        }
        return new Promise((resolve) => this.#closedWaiters.push(resolve));
    }

    #onRegistered(): void {
        clearTimeout(this.#registerTimer);
        this.#state = 'established';
        this.#observers.onRegistered?.();
    }

    #onReady(payload: Buffer): void {
        this.#state = 'ready';
        this.#capabilities = parseCapabilities(payload);
        this.#log.info(
            { chaincodeId: this.#options.chaincodeId, capabilities: this.#capabilities },
            'registered with the peer',
        );
    }

    #onReply(message: ChaincodeMessage__Output): void {
        const running = this.#transactions.get(message.channel_id, message.txid);
        if (running === undefined || !running.tx.deliver(message)) {
            this.#log.debug(
                { channel: message.channel_id, tx: shortTx(message.txid), type: message.type },
                'reply for no pending request dropped',
            );
        }
    }

    #onTransaction(message: ChaincodeMessage__Output): void {
        const { channel_id: channelId, txid: txId } = message;
        if (this.#transactions.get(channelId, txId) !== undefined) {
            this.#sendError(channelId, txId, `transaction ${txId} on channel ${channelId} is already running`);
            return;
        }
        if (this.#draining) {
            this.#sendError(channelId, txId, 'the chaincode server is shutting down; try another peer or retry');
            return;
        }
        let input;
        let proposal: DecodedProposal | undefined;
        try {
            input = chaincodeInputCodec.decode(message.payload);
        } catch (err) {
            this.#observers.onStreamError?.('decode_error');
            this.#sendError(channelId, txId, `failed to decode the ChaincodeInput payload: ${errorMessage(err)}`);
            return;
        }
        try {
            proposal = message.proposal ? decodeProposal(message.proposal) : undefined;
        } catch (err) {
            this.#observers.onStreamError?.('decode_error');
            this.#sendError(channelId, txId, `failed to decode the signed proposal: ${errorMessage(err)}`);
            return;
        }
        const tx = new TransactionContext(channelId, txId, this.#sendRequest, this.#observers.onRequest);
        const stub = new Stub({
            args: input.args,
            decorations: input.decorations,
            proposal,
            transaction: tx,
            capabilities: this.#capabilities,
            mspId: this.#options.mspId,
        });
        const running: RunningTransaction = {
            tx,
            type: message.type === 'INIT' ? 'init' : 'invoke',
            functionArg: input.args[0],
            started: this.#observers.onTransactionEnd === undefined ? 0 : performance.now(),
            timer: undefined,
        };
        this.#transactions.add(channelId, txId, running);
        void this.#run(stub, running); // #run never rejects
    }

    async #run(stub: Stub, running: RunningTransaction): Promise<void> {
        const { tx } = running;
        this.#observers.onTransactionStart?.();
        this.#log.debug({ channel: tx.channelId, tx: shortTx(tx.txId), type: running.type }, 'transaction started');
        const timeoutMs = this.#options.executeTimeoutMs ?? 0;
        if (timeoutMs > 0) {
            running.timer = setTimeout(() => {
                this.#timeOut(running, timeoutMs);
            }, timeoutMs).unref();
        }
        let response: Required<ChaincodeResponse>;
        try {
            const chaincode = this.#options.chaincode;
            const result: unknown = await (running.type === 'init' ? chaincode.Init(stub) : chaincode.Invoke(stub));
            response = normaliseResponse(result, running.type === 'init' ? 'Init' : 'Invoke');
        } catch (err) {
            response = failure(errorMessage(err));
        }
        await tx.idle();
        if (response.status < 400 && this.#isRunning(running)) {
            // Buffered batch writes go out before COMPLETED; an error response's writes would be discarded anyway.
            try {
                await stub.flush();
            } catch (err) {
                response = failure(errorMessage(err));
            }
        }
        if (!this.#finish(running, response)) {
            this.#log.debug({ channel: tx.channelId, tx: shortTx(tx.txId) }, 'late result dropped: already answered');
        }
    }

    /** The execute timeout fired: answer now, fail the transaction's pending requests, drop its late result. */
    #timeOut(running: RunningTransaction, timeoutMs: number): void {
        const text = `transaction timed out after ${timeoutMs} ms`;
        const { tx } = running;
        if (this.#finish(running, failure(text), new StreamClosedError(`${text}; no more ledger calls`))) {
            this.#log.warn({ channel: tx.channelId, tx: shortTx(tx.txId), timeoutMs }, 'transaction timed out');
        }
    }

    /** Forgets the transactions whose chaincode has not returned since the stream closed. */
    #abandon(reason: Error): void {
        for (const running of this.#transactions.values()) {
            this.#finish(running, failure(reason.message));
            this.#log.debug({ channel: running.tx.channelId, tx: shortTx(running.tx.txId) }, 'transaction abandoned');
        }
    }

    /**
     * Ends a transaction exactly once: the one final message (unless the stream has closed),
     * its requests closed, its outcome observed. False when it had already ended.
     */
    #finish(running: RunningTransaction, response: Required<ChaincodeResponse>, reason?: Error): boolean {
        if (!this.#isRunning(running)) {
            return false;
        }
        const { tx } = running;
        this.#transactions.delete(tx.channelId, tx.txId);
        clearTimeout(running.timer);
        const ok = response.status < 400;
        const answered =
            !tx.closed &&
            this.#send({
                type: 'COMPLETED',
                payload: responseCodec.encode(response),
                txid: tx.txId,
                channel_id: tx.channelId,
                chaincode_event: ok ? tx.event : undefined,
            });
        if (!answered) {
            this.#log.debug({ channel: tx.channelId, tx: shortTx(tx.txId) }, 'answer dropped: the stream closed');
        }
        tx.close(reason); // no reason: completed, see TransactionContext.close
        const onEnd = this.#observers.onTransactionEnd;
        if (onEnd !== undefined) {
            const functionName = running.functionArg?.toString('utf8') ?? ''; // as getFunctionAndParameters().fcn
            onEnd({ type: running.type, functionName, ok, seconds: (performance.now() - running.started) / 1000 });
        }
        this.#log.debug({ channel: tx.channelId, tx: shortTx(tx.txId), status: response.status }, 'transaction done');
        if (this.#transactions.size === 0) {
            this.#wakeIdle();
        }
        return true;
    }

    /** False once the transaction has been answered (or abandoned). */
    #isRunning(running: RunningTransaction): boolean {
        return this.#transactions.get(running.tx.channelId, running.tx.txId) === running;
    }

    #sendError(channelId: string, txId: string, text: string): void {
        this.#log.debug({ channel: channelId, tx: shortTx(txId), reason: text }, 'transaction refused');
        this.#send({ type: 'ERROR', payload: Buffer.from(text, 'utf8'), txid: txId, channel_id: channelId });
    }

    #protocolError(message: ChaincodeMessage__Output, text: string): void {
        this.#log.warn({ channel: message.channel_id, tx: shortTx(message.txid), type: message.type }, text);
        this.#observers.onStreamError?.('protocol_violation');
        this.#sendError(message.channel_id, message.txid, `protocol error: ${text}`);
        this.end();
    }

    /** Writes one message; false when the stream is closed or the write failed (which closes it). */
    #send(message: ChaincodeMessage): boolean {
        if (this.#state === 'closed') {
            return false;
        }
        try {
            this.#options.connection.send(message);
        } catch (err) {
            this.close(err instanceof Error ? err : new Error(String(err)), 'send_failed');
            return false;
        }
        this.#observers.onMessage?.('sent', messageType(message));
        return true;
    }

    /** The writer a transaction's requests use: a request that cannot be sent fails. */
    #sendRequest = (message: ChaincodeMessage): void => {
        if (!this.#send(message)) {
            throw new StreamClosedError('the peer stream is closed');
        }
    };

    #wakeIdle(): void {
        for (const wake of this.#idleWaiters.splice(0)) {
            wake();
        }
    }
}

/**
 * The smallest batch we send. The peer does not enforce its advertised sizes; the Go shim
 * raises an advertised size below 100 (0 included) to 100 (fabric-chaincode-go shim/handler.go
 * handleEstablished), and so do we.
 */
export const MIN_BATCH_SIZE = 100;

/** READY's payload: empty before Fabric 3.1, ChaincodeAdditionalParams after; garbage means none. */
function parseCapabilities(payload: Buffer): PeerCapabilities {
    if (payload.length === 0) {
        return NO_CAPABILITIES;
    }
    try {
        const params = additionalParamsCodec.decode(payload);
        return {
            writeBatch: params.use_write_batch,
            maxWriteBatchSize: Math.max(params.max_size_write_batch, MIN_BATCH_SIZE),
            getMultipleKeys: params.use_get_multiple_keys,
            maxGetMultipleKeys: Math.max(params.max_size_get_multiple_keys, MIN_BATCH_SIZE),
        };
    } catch {
        return NO_CAPABILITIES;
    }
}

/** A 500 answer with `message` and no payload. */
function failure(message: string): Required<ChaincodeResponse> {
    return { status: 500, message, payload: new Uint8Array(0) };
}

/** The first 8 characters of a txid, as the Go shim logs it. */
function shortTx(txId: string): string {
    return txId.slice(0, 8);
}
