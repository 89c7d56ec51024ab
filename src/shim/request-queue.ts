// SPDX-License-Identifier: Apache-2.0
//
// The request queue of one transaction: its ledger requests leave one at a time (the peer
// drops a second request while one is pending), in the order user code made them, each
// matched with the peer's RESPONSE or ERROR. Only the transaction's LedgerClient uses it.

import { LedgerRequestError, StreamClosedError, TransactionEndedError } from './errors.ts';
import type { ChaincodeMessage, ChaincodeMessage__Output } from '../wire/generated/protos/ChaincodeMessage.ts';

/** The chaincode → peer request types. */
export type RequestType =
    | 'GET_STATE'
    | 'PUT_STATE'
    | 'DEL_STATE'
    | 'INVOKE_CHAINCODE'
    | 'GET_STATE_BY_RANGE'
    | 'GET_QUERY_RESULT'
    | 'QUERY_STATE_NEXT'
    | 'QUERY_STATE_CLOSE'
    | 'GET_HISTORY_FOR_KEY'
    | 'GET_STATE_METADATA'
    | 'PUT_STATE_METADATA'
    | 'GET_PRIVATE_DATA_HASH'
    | 'PURGE_PRIVATE_DATA'
    | 'WRITE_BATCH_STATE'
    | 'GET_STATE_MULTIPLE';

interface PendingRequest {
    readonly type: RequestType;
    readonly payload: Uint8Array;
    readonly resolve: (payload: Buffer) => void;
    readonly reject: (err: Error) => void;
}

/** The stream's single writer: false when the stream is closed and nothing was written. */
export type SendMessage = (message: ChaincodeMessage) => boolean;

/** Observes each request's round trip; main.ts feeds metrics from it (stream observers). */
export type RequestObserver = (type: RequestType, seconds: number) => void;

/** What a stub call made after its transaction has been answered rejects with. */
const COMPLETED_MESSAGE = 'the transaction has completed; no more ledger calls';

export class RequestQueue {
    readonly channelId: string;
    readonly txId: string;
    readonly #send: SendMessage;
    readonly #observe: RequestObserver | undefined;
    /** Pending requests; the head is the one on the wire. */
    readonly #queue: PendingRequest[] = [];
    #sentAt = 0;
    /** Why requests now fail; 'completed' builds its error only when a late request needs one. */
    #closedBy: Error | 'completed' | undefined;
    #idleWaiters: (() => void)[] = [];

    constructor(channelId: string, txId: string, send: SendMessage, observe?: RequestObserver) {
        this.channelId = channelId;
        this.txId = txId;
        this.#send = send;
        this.#observe = observe;
    }

    /** Sends a request when the ones before it have been answered; resolves with the RESPONSE payload. */
    request(type: RequestType, payload: Uint8Array): Promise<Buffer> {
        if (this.#closedBy !== undefined) {
            return Promise.reject(this.#closedError());
        }
        return new Promise<Buffer>((resolve, reject) => {
            this.#enqueue({ type, payload, resolve, reject });
        });
    }

    /** Hands the peer's RESPONSE or ERROR to the request on the wire; false if none was waiting. */
    deliver(message: ChaincodeMessage__Output): boolean {
        const head = this.#queue.shift();
        if (head === undefined) {
            return false;
        }
        if (this.#observe !== undefined) {
            this.#observe(head.type, (performance.now() - this.#sentAt) / 1000);
        }
        if (message.type === 'RESPONSE') {
            head.resolve(message.payload);
        } else {
            // The peer's text already names the request ("PUT_STATE failed: transaction ID: …"), as
            // fabric-shim hands it on.
            head.reject(new LedgerRequestError(message.payload.toString('utf8')));
        }
        this.#next();
        return true;
    }

    /**
     * Fails every pending and later request with `reason`; user code sees its stub calls reject.
     * Without a reason the transaction has completed: each late request gets its own
     * TransactionEndedError, built then, because capturing an Error's stack for every completed
     * transaction cost ~9% of the server's CPU at K=1 (BENCHMARKS.md) for calls that rarely come.
     */
    close(reason?: Error): void {
        if (this.#closedBy !== undefined) {
            return;
        }
        this.#closedBy = reason ?? 'completed';
        const pending = this.#queue.splice(0);
        for (const request of pending) {
            request.reject(this.#closedError());
        }
        this.#wakeIdle();
    }

    get closed(): boolean {
        return this.#closedBy !== undefined;
    }

    /** Resolves once no request is pending, so the final message never races an unanswered request. */
    idle(): Promise<void> {
        if (this.#queue.length === 0) {
            return Promise.resolve();
        }
        return new Promise((resolve) => this.#idleWaiters.push(resolve));
    }

    #enqueue(request: PendingRequest): void {
        this.#queue.push(request);
        if (this.#queue.length === 1) {
            this.#sendHead();
        }
    }

    #closedError(): Error {
        const reason = this.#closedBy;
        return reason instanceof Error ? reason : new TransactionEndedError(COMPLETED_MESSAGE);
    }

    #next(): void {
        if (this.#queue.length > 0) {
            this.#sendHead();
        } else {
            this.#wakeIdle();
        }
    }

    #sendHead(): void {
        const head = this.#queue[0];
        if (head === undefined) {
            return;
        }
        if (this.#observe !== undefined) {
            this.#sentAt = performance.now(); // only the observer reads it
        }
        if (!this.#send({ type: head.type, payload: head.payload, txid: this.txId, channel_id: this.channelId })) {
            if (this.#queue[0] === head) {
                this.#queue.shift(); // else a failed write closed the stream, and with it this queue
            }
            head.reject(new StreamClosedError('the peer stream is closed'));
            this.#next();
        }
    }

    #wakeIdle(): void {
        for (const wake of this.#idleWaiters.splice(0)) {
            wake();
        }
    }
}
