// SPDX-License-Identifier: Apache-2.0
//
// A fake Fabric peer for tests: dials a chaincode server over real gRPC (plain, TLS or
// mutual TLS), checks REGISTER, answers REGISTERED and READY, sends transactions with
// realistic signed proposals, and serves ledger requests from an in-memory ledger,
// following the peer's rules (one pending request per transaction, no read-your-writes,
// stream ended on a message it does not know).

import type * as grpc from '@grpc/grpc-js';
import type { ChaincodeMessage, ChaincodeMessage__Output } from '../wire/generated/protos/ChaincodeMessage.ts';
import { chaincodeIdCodec } from '../wire/codecs.ts';
import { messageType } from '../wire/message-type.ts';
import { peerAcceptsRequest } from './peer-rules.ts';
import { transactionKey } from './transaction-key.ts';
import { createTestCreator } from './certs.ts';
import { readyPayload, type DialTls, type FakePeerOptions, type InvokeOptions } from './fake-peer-options.ts';
import { InMemoryLedger } from './ledger.ts';
import {
    answerRequest,
    finalResult,
    transactionMessage,
    type RunningTransaction,
    type TransactionResult,
} from './peer-transactions.ts';
import type { CreatorIdentity } from './proposal-builder.ts';
import { dialConnect } from './peer-dial.ts';

/** The stream to the chaincode: one we dialled (server mode) or one the chaincode dialled (dev mode). */
interface PeerStream {
    write(message: ChaincodeMessage): boolean;
    end(): void;
    on(event: 'data', listener: (message: ChaincodeMessage__Output) => void): unknown;
    on(event: 'end' | 'close', listener: () => void): unknown;
    on(event: 'error', listener: (err: Error) => void): unknown;
}

export class FakePeer {
    readonly ledger: InMemoryLedger;
    /** Every message the chaincode sent, in order. */
    readonly received: ChaincodeMessage__Output[] = [];
    /** Protocol rules the chaincode broke, in words. */
    readonly violations: string[] = [];
    /** The package ID the chaincode registered with. */
    registeredId: string | undefined;
    readonly #options: FakePeerOptions;
    readonly #transactions = new Map<string, RunningTransaction>();
    readonly #waiters: {
        predicate: (m: ChaincodeMessage__Output) => boolean;
        resolve: (m: ChaincodeMessage__Output) => void;
    }[] = [];
    #client: grpc.Client | undefined;
    #stream: PeerStream | undefined;
    #terminate: () => void = () => undefined;
    /** Requests held back while `answerRequests` is false, until answerHeldRequests(). */
    readonly #held: (() => void)[] = [];
    #creator: CreatorIdentity | undefined;
    #ended: Promise<void> = Promise.resolve();

    constructor(options: FakePeerOptions = {}) {
        this.#options = options;
        this.ledger = options.ledger ?? new InMemoryLedger();
        this.#creator = options.creator;
    }

    get channelId(): string {
        return this.#options.channelId ?? 'mychannel';
    }

    /** Resolves when the stream has ended, from either side. */
    get ended(): Promise<void> {
        return this.#ended;
    }

    /** Dials `address`, opens Chaincode/Connect and completes the handshake (resolves once READY is sent). */
    async connect(address: string, tls?: DialTls): Promise<void> {
        this.#creator ??= await createTestCreator();
        const { client, stream } = dialConnect(address, tls);
        this.#client = client;
        await this.attach(stream, () => {
            stream.cancel();
        });
    }

    /**
     * Takes over a stream the chaincode opened (dev mode, see FakePeerListener) or that we
     * dialled; resolves once REGISTER has arrived and been answered. `terminate` is how
     * close() drops it.
     */
    attach(stream: PeerStream, terminate: () => void): Promise<void> {
        this.#stream = stream;
        this.#terminate = terminate;
        this.#ended = new Promise((resolve) => {
            stream.on('close', resolve);
            stream.on('end', resolve);
            stream.on('error', () => {
                resolve();
            });
        });
        const registered = new Promise<void>((resolve, reject) => {
            stream.on('error', reject);
            stream.on('end', () => {
                reject(new Error('the chaincode ended the stream during the handshake'));
            });
            this.#onRegister = resolve;
            this.#onRegisterError = reject;
        });
        stream.on('data', (message: ChaincodeMessage__Output) => {
            this.#onMessage(message);
        });
        const creatorReady =
            this.#creator === undefined
                ? createTestCreator().then((creator) => {
                      this.#creator ??= creator;
                  })
                : Promise.resolve();
        return Promise.all([registered, creatorReady]).then(() => undefined);
    }

    /** Runs one transaction and resolves with the chaincode's COMPLETED or ERROR. */
    invoke(args: readonly (string | Uint8Array)[], options: InvokeOptions = {}): Promise<TransactionResult> {
        const chaincodeName = this.#options.chaincodeName ?? 'basic';
        const start = transactionMessage(args, options, {
            channelId: this.channelId,
            chaincodeName,
            creator: this.#requireCreator(),
        });
        const { channel_id: channelId, txid: txId } = start.message;
        const result = new Promise<TransactionResult>((resolve, reject) => {
            this.#transactions.set(transactionKey(channelId, txId), {
                channelId,
                txId,
                isInit: start.isInit,
                namespace: chaincodeName,
                timestamp: start.timestamp,
                writes: [],
                iterators: new Map(),
                readOnly: false,
                requests: [],
                pending: false,
                resolve,
                reject,
            });
        });
        this.send(start.message);
        return result;
    }

    /** Sends any message as the peer, for tests of the chaincode's protocol handling. */
    send(message: ChaincodeMessage): void {
        if (this.#stream === undefined) {
            throw new Error('not connected');
        }
        this.#stream.write(message);
    }

    /** Resolves with the first message from the chaincode (already received or not) that matches. */
    waitFor(predicate: (message: ChaincodeMessage__Output) => boolean): Promise<ChaincodeMessage__Output> {
        const seen = this.received.find(predicate);
        if (seen) {
            return Promise.resolve(seen);
        }
        return new Promise((resolve) => this.#waiters.push({ predicate, resolve }));
    }

    /** Closes the stream as a peer going away would (cancel), and the connection. */
    close(): void {
        this.#terminate();
        this.#client?.close();
        for (const tx of this.#transactions.values()) {
            tx.reject(new Error('the fake peer closed the stream'));
        }
        this.#transactions.clear();
    }

    #onRegister: () => void = () => undefined;
    #onRegisterError: (err: Error) => void = () => undefined;

    #onMessage(message: ChaincodeMessage__Output): void {
        this.received.push(message);
        for (let i = this.#waiters.length - 1; i >= 0; i--) {
            const waiter = this.#waiters[i];
            if (waiter?.predicate(message)) {
                this.#waiters.splice(i, 1);
                waiter.resolve(message);
            }
        }
        const type = messageType(message);
        if (type === 'KEEPALIVE') {
            return; // the peer ignores the chaincode's keepalives
        }
        if (this.registeredId === undefined) {
            this.#onHandshake(message);
            return;
        }
        if (type === 'COMPLETED' || type === 'ERROR') {
            this.#onFinal(message);
            return;
        }
        if (peerAcceptsRequest(type, this.#options)) {
            this.#onRequest(message);
            return;
        }
        this.#violation(`${type} is not a message a peer accepts from a ready chaincode; stream ended`);
        this.#stream?.end();
    }

    #onHandshake(message: ChaincodeMessage__Output): void {
        if (message.type !== 'REGISTER') {
            this.#violation(`expected REGISTER first, got ${messageType(message)}; stream ended`);
            this.#stream?.end();
            this.#onRegisterError(new Error(`expected REGISTER, got ${messageType(message)}`));
            return;
        }
        const { name } = chaincodeIdCodec.decode(message.payload);
        const expected = this.#options.chaincodeId;
        if (name === '' || (expected !== undefined && name !== expected)) {
            // A real peer stays silent here and the launch times out; failing fast helps tests.
            this.#violation(`REGISTER carried chaincode id "${name}", expected "${expected ?? 'any'}"`);
            this.#onRegisterError(new Error(`REGISTER carried chaincode id "${name}"`));
            return;
        }
        this.registeredId = name;
        this.#onRegister();
        if (this.#options.handshake === false) {
            return;
        }
        this.send({ type: 'REGISTERED' });
        this.send({ type: 'READY', payload: readyPayload(this.#options.ready) });
    }

    #onFinal(message: ChaincodeMessage__Output): void {
        const key = transactionKey(message.channel_id, message.txid);
        const tx = this.#transactions.get(key);
        if (tx === undefined) {
            this.violations.push(`${message.type} for unknown transaction ${message.txid} ignored`);
            return;
        }
        this.#transactions.delete(key);
        if (tx.pending) {
            this.#violation(`${message.type} sent for ${message.txid} while one of its requests was unanswered`);
        }
        const result = finalResult(tx, message);
        if (result.type === 'COMPLETED' && result.status >= 200 && result.status < 400) {
            this.ledger.apply(tx.writes, { txId: tx.txId, timestamp: tx.timestamp });
        }
        tx.resolve(result);
    }

    #onRequest(message: ChaincodeMessage__Output): void {
        const tx = this.#transactions.get(transactionKey(message.channel_id, message.txid));
        const reply = (type: 'RESPONSE' | 'ERROR', payload: Buffer): void => {
            this.send({ type, payload, txid: message.txid, channel_id: message.channel_id });
        };
        if (tx === undefined) {
            reply('ERROR', Buffer.from(`${message.type} failed: no ledger context for ${message.txid}`));
            return;
        }
        tx.requests.push(message);
        if (tx.pending) {
            // A real peer drops this request silently and the chaincode waits forever.
            this.#violation(`second request (${message.type}) for ${message.txid} while one was pending`);
            tx.reject(new Error(`protocol violation: ${message.type} sent while another request was pending`));
            return;
        }
        tx.pending = true;
        const answer = (): void => {
            void answerRequest(message, tx, this.ledger, this.#options.onInvokeChaincode).then((answered) => {
                tx.pending = false;
                reply(answered.type, answered.payload);
            });
        };
        if (this.#options.answerRequests === false) {
            this.#held.push(answer);
        } else {
            setImmediate(answer);
        }
    }

    /** With `answerRequests: false`, answers every request held so far, as a peer that was slow would. */
    answerHeldRequests(): void {
        for (const answer of this.#held.splice(0)) {
            answer();
        }
    }

    #violation(text: string): void {
        this.violations.push(text);
    }

    #requireCreator(): CreatorIdentity {
        if (this.#creator === undefined) {
            throw new Error('connect() first');
        }
        return this.#creator;
    }
}
