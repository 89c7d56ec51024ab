// SPDX-License-Identifier: Apache-2.0
//
// The transactions of one stream: each INIT/TRANSACTION decoded, run through the user's
// chaincode with its own stub, and answered exactly once (COMPLETED, or ERROR when it could
// not run at all), with the optional execute timeout and the abandonment of transactions
// whose stream has gone.

import type { Logger } from 'pino';
import { TransactionEndedError, errorMessage } from './errors.ts';
import type { ChaincodeEvent } from '../wire/generated/protos/ChaincodeEvent.ts';
import type { ChaincodeMessage__Output } from '../wire/generated/protos/ChaincodeMessage.ts';
import { chaincodeInputCodec, responseCodec } from '../wire/codecs.ts';
import type { PeerCapabilities } from './peer-capabilities.ts';
import { decodeProposal, type DecodedProposal } from './proposal.ts';
import { normaliseResponse } from './response.ts';
import type { StreamObservers, TransactionOutcome } from './stream-observers.ts';
import { Stub } from './stub.ts';
import { LedgerClient } from './ledger-client.ts';
import { RequestQueue, type SendMessage } from './request-queue.ts';
import { TransactionTable } from './transaction-table.ts';
import type { Chaincode, ChaincodeResponse } from './types.ts';

export interface TransactionRunnerOptions {
    readonly chaincode: Chaincode;
    readonly mspId?: string | undefined;
    /** 0 or unset: no limit. */
    readonly executeTimeoutMs?: number | undefined;
    readonly observers: StreamObservers;
    readonly logger: Logger;
    /** The stream's one writer, for requests and final messages alike. */
    readonly send: SendMessage;
}

/** A transaction in the table: its requests, its event, what its outcome is reported as, and its timer. */
interface RunningTransaction {
    readonly tx: RequestQueue;
    readonly ledger: LedgerClient;
    /** The transaction's one event; the last setEvent wins. */
    event: ChaincodeEvent | undefined;
    readonly type: TransactionOutcome['type'];
    /** The function name's bytes (args[0]), decoded only for onTransactionEnd. */
    readonly functionArg: Buffer | undefined;
    /** performance.now() at the start, when onTransactionEnd wants a duration; else 0. */
    readonly started: number;
    timer: NodeJS.Timeout | undefined;
}

export class TransactionRunner {
    readonly #options: TransactionRunnerOptions;
    readonly #log: Logger;
    /** Read once: the per-transaction debug lines cost an object and a slice each when built. */
    readonly #debug: boolean;
    readonly #observers: StreamObservers;
    readonly #transactions = new TransactionTable<RunningTransaction>();
    #refusing: string | undefined;
    #idleWaiters: (() => void)[] = [];

    constructor(options: TransactionRunnerOptions) {
        this.#options = options;
        this.#log = options.logger;
        this.#debug = options.logger.isLevelEnabled('debug');
        this.#observers = options.observers;
    }

    /** Transactions started and not yet answered. */
    get size(): number {
        return this.#transactions.size;
    }

    /** From now on every new transaction is answered with ERROR `reason`. */
    refuseNew(reason: string): void {
        this.#refusing = reason;
    }

    /** Resolves once no transaction is running. */
    idle(): Promise<void> {
        if (this.#transactions.size === 0) {
            return Promise.resolve();
        }
        return new Promise((resolve) => this.#idleWaiters.push(resolve));
    }

    /** Starts an INIT or TRANSACTION; answers ERROR at once when it cannot run. Never throws. */
    start(message: ChaincodeMessage__Output, capabilities: PeerCapabilities): void {
        const { channel_id: channelId, txid: txId } = message;
        if (this.#transactions.get(channelId, txId) !== undefined) {
            this.#refuse(channelId, txId, `transaction ${txId} on channel ${channelId} is already running`);
            return;
        }
        if (this.#refusing !== undefined) {
            this.#refuse(channelId, txId, this.#refusing);
            return;
        }
        let input;
        let proposal: DecodedProposal | undefined;
        try {
            input = chaincodeInputCodec.decode(message.payload);
        } catch (err) {
            this.#observers.onStreamError?.('decode_error');
            this.#refuse(channelId, txId, `failed to decode the ChaincodeInput payload: ${errorMessage(err)}`);
            return;
        }
        try {
            proposal = message.proposal ? decodeProposal(message.proposal) : undefined;
        } catch (err) {
            this.#observers.onStreamError?.('decode_error');
            this.#refuse(channelId, txId, `failed to decode the signed proposal: ${errorMessage(err)}`);
            return;
        }
        const tx = new RequestQueue(channelId, txId, this.#options.send, this.#observers.onRequest);
        const running: RunningTransaction = {
            tx,
            ledger: new LedgerClient(tx, capabilities),
            event: undefined,
            type: message.type === 'INIT' ? 'init' : 'invoke',
            functionArg: input.args[0],
            started: this.#observers.onTransactionEnd === undefined ? 0 : performance.now(),
            timer: undefined,
        };
        const stub = new Stub({
            args: input.args,
            decorations: input.decorations,
            proposal,
            channelId,
            txId,
            ledger: running.ledger,
            onEvent: (event) => {
                running.event = event;
            },
            mspId: this.#options.mspId,
        });
        this.#transactions.add(channelId, txId, running);
        void this.#run(stub, running); // #run never rejects
    }

    /** Hands a RESPONSE or ERROR to the transaction waiting for it; drops it when none is. */
    deliver(message: ChaincodeMessage__Output): void {
        const running = this.#transactions.get(message.channel_id, message.txid);
        if (running === undefined || !running.tx.deliver(message)) {
            this.#log.debug(
                { channel: message.channel_id, tx: shortTx(message.txid), type: message.type },
                'reply for no pending request dropped',
            );
        }
    }

    /**
     * The stream has gone: every pending and later stub call fails with `reason`. A chaincode
     * that returns once its call has failed ends as usual within this turn; one that does not
     * is forgotten at the next, so nothing stays counted as in flight.
     */
    closeAll(reason: Error): void {
        if (this.#transactions.size === 0) {
            return;
        }
        for (const running of this.#transactions.values()) {
            running.tx.close(reason);
        }
        setImmediate(() => {
            for (const running of this.#transactions.values()) {
                this.#finish(running, failure(reason.message));
                this.#log.debug(
                    { channel: running.tx.channelId, tx: shortTx(running.tx.txId) },
                    'transaction abandoned',
                );
            }
        });
    }

    async #run(stub: Stub, running: RunningTransaction): Promise<void> {
        const { tx } = running;
        this.#observers.onTransactionStart?.();
        if (this.#debug) {
            this.#log.debug({ channel: tx.channelId, tx: shortTx(tx.txId), type: running.type }, 'transaction started');
        }
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
                await running.ledger.flush();
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
        if (this.#finish(running, failure(text), new TransactionEndedError(`${text}; no more ledger calls`))) {
            this.#log.warn({ channel: tx.channelId, tx: shortTx(tx.txId), timeoutMs }, 'transaction timed out');
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
            this.#options.send({
                type: 'COMPLETED',
                payload: responseCodec.encode(response),
                txid: tx.txId,
                channel_id: tx.channelId,
                chaincode_event: ok ? running.event : undefined,
            });
        if (!answered) {
            this.#log.debug({ channel: tx.channelId, tx: shortTx(tx.txId) }, 'answer dropped: the stream closed');
        }
        tx.close(reason); // no reason: completed, see RequestQueue.close
        const onEnd = this.#observers.onTransactionEnd;
        if (onEnd !== undefined) {
            const functionName = running.functionArg?.toString('utf8') ?? ''; // as getFunctionAndParameters().fcn
            onEnd({ type: running.type, functionName, ok, seconds: (performance.now() - running.started) / 1000 });
        }
        if (this.#debug) {
            this.#log.debug(
                { channel: tx.channelId, tx: shortTx(tx.txId), status: response.status },
                'transaction done',
            );
        }
        if (this.#transactions.size === 0) {
            for (const wake of this.#idleWaiters.splice(0)) {
                wake();
            }
        }
        return true;
    }

    /** False once the transaction has been answered (or abandoned). */
    #isRunning(running: RunningTransaction): boolean {
        return this.#transactions.get(running.tx.channelId, running.tx.txId) === running;
    }

    /** ERROR for a transaction that could not run at all (the Gateway may retry it elsewhere). */
    #refuse(channelId: string, txId: string, text: string): void {
        this.#log.debug({ channel: channelId, tx: shortTx(txId), reason: text }, 'transaction refused');
        this.#options.send({ type: 'ERROR', payload: Buffer.from(text, 'utf8'), txid: txId, channel_id: channelId });
    }
}

/** A 500 answer with `message` and no payload. */
function failure(message: string): Required<ChaincodeResponse> {
    return { status: 500, message, payload: new Uint8Array(0) };
}

/** The first 8 characters of a txid, as the Go shim logs it. */
export function shortTx(txId: string): string {
    return txId.slice(0, 8);
}
