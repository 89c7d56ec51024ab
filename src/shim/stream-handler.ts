// SPDX-License-Identifier: Apache-2.0
//
// The chaincode side of one peer stream: REGISTER → REGISTERED → READY, KEEPALIVE echoed in
// every state, protocol errors ending only this stream, then transactions handed to the
// stream's TransactionRunner. The same handler serves streams the peer opened (server
// mode) and streams we opened (dev mode).

import type { Logger } from 'pino';
import type { StreamErrorReason } from './stream-observers.ts';
import { StreamClosedError } from './errors.ts';
import type { ChaincodeMessage, ChaincodeMessage__Output } from '../wire/generated/protos/ChaincodeMessage.ts';
import { chaincodeIdCodec } from '../wire/codecs.ts';
import { messageType } from '../wire/message-type.ts';
import { NO_CAPABILITIES, parseCapabilities, type PeerCapabilities } from './peer-capabilities.ts';
import type { StreamObservers } from './stream-observers.ts';
import { shortTx, TransactionRunner } from './transaction-runner.ts';
import type { Chaincode } from './types.ts';

/** The stream as the handler sees it: one writer, and a way to end it. */
export interface PeerConnection {
    send(message: ChaincodeMessage): void;
    end(): void;
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

const DEFAULT_REGISTER_WARN_MS = 10_000;

export class StreamHandler {
    readonly #options: StreamHandlerOptions;
    readonly #log: Logger;
    readonly #observers: StreamObservers;
    readonly #transactions: TransactionRunner;
    #state: State = 'created';
    #capabilities: PeerCapabilities = NO_CAPABILITIES;
    #registerTimer: NodeJS.Timeout | undefined;
    #closedWaiters: (() => void)[] = [];

    constructor(options: StreamHandlerOptions) {
        this.#options = options;
        this.#log = options.logger;
        this.#observers = options.observers ?? {};
        this.#transactions = new TransactionRunner({
            chaincode: options.chaincode,
            mspId: options.mspId,
            executeTimeoutMs: options.executeTimeoutMs,
            observers: this.#observers,
            logger: options.logger,
            send: (message) => this.#send(message),
        });
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
            this.#echoKeepalive(message);
            return;
        }
        if (!this.#dispatch(type, message)) {
            this.#protocolError(message, `${type} is not allowed in state ${this.#state}`);
        }
    }

    /**
     * A frame from the peer that is not a ChaincodeMessage: answers it with ERROR, counts a
     * decode error and closes, abandoning the transactions in flight. Returns false when the
     * handler had already closed; on true the caller ends the call with an error status.
     */
    refuseFrame(details: string): boolean {
        if (this.#state === 'closed') {
            return false;
        }
        this.#log.warn({ state: this.#state }, details);
        this.#send({ type: 'ERROR', payload: Buffer.from(`protocol error: ${details}`, 'utf8') });
        this.close(new Error(details), 'decode_error');
        return true;
    }

    /**
     * Stops taking transactions: a TRANSACTION or INIT that arrives from now on is answered
     * with ERROR. Resolves when every transaction in flight has been answered or the stream ends.
     */
    drain(): Promise<void> {
        this.#transactions.refuseNew('the chaincode server is shutting down; try another peer or retry');
        return Promise.race([this.#transactions.idle(), this.closed()]);
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
        if (abandoned > 0) {
            this.#transactions.closeAll(
                new StreamClosedError(
                    `the peer stream closed${reason ? `: ${reason.message}` : ''}; the transaction was abandoned`,
                ),
            );
        }
        this.#log.info({ abandoned, err: reason }, 'stream closed');
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

    /** Acts on a message the current state allows; false when the state does not allow it. */
    #dispatch(type: string, message: ChaincodeMessage__Output): boolean {
        switch (this.#state) {
            case 'created':
                if (type !== 'REGISTERED') {
                    return false;
                }
                this.#onRegistered();
                return true;
            case 'established':
                if (type !== 'READY') {
                    return false;
                }
                this.#onReady(message.payload);
                return true;
            case 'ready':
                return this.#dispatchReady(type, message);
            case 'closed':
                return false;
        }
    }

    /** In state ready: transactions start, and the peer's answers go to the transaction waiting for them. */
    #dispatchReady(type: string, message: ChaincodeMessage__Output): boolean {
        if (type === 'TRANSACTION' || type === 'INIT') {
            this.#transactions.start(message, this.#capabilities);
            return true;
        }
        if (type === 'RESPONSE' || type === 'ERROR') {
            this.#transactions.deliver(message);
            return true;
        }
        return false;
    }

    #echoKeepalive(message: ChaincodeMessage__Output): void {
        this.#send({
            type: 'KEEPALIVE',
            payload: message.payload,
            txid: message.txid,
            channel_id: message.channel_id,
        });
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

    #protocolError(message: ChaincodeMessage__Output, text: string): void {
        this.#log.warn({ channel: message.channel_id, tx: shortTx(message.txid), type: message.type }, text);
        this.#observers.onStreamError?.('protocol_violation');
        this.#send({
            type: 'ERROR',
            payload: Buffer.from(`protocol error: ${text}`, 'utf8'),
            txid: message.txid,
            channel_id: message.channel_id,
        });
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
}
