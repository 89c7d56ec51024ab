// SPDX-License-Identifier: Apache-2.0
//
// A fake Fabric peer for tests: dials a chaincode server over real gRPC (plain, TLS or
// mutual TLS), checks REGISTER, answers REGISTERED and READY, sends transactions with
// realistic signed proposals, and serves ledger requests from an in-memory ledger,
// following the peer's rules (one pending request per transaction, no read-your-writes,
// stream ended on a message it does not know).

import * as grpc from '@grpc/grpc-js';
import type { ChaincodeMessage, ChaincodeMessage__Output } from '../wire/generated/protos/ChaincodeMessage.ts';
import { chaincodeService } from '../wire/protos.ts';
import { chaincodeIdCodec, chaincodeInputCodec, responseCodec } from '../wire/codecs.ts';
import { messageType } from '../wire/message-type.ts';
import { peerAcceptsRequest } from './peer-rules.ts';
import { transactionKey } from './transaction-key.ts';
import { createTestCreator } from './certs.ts';
import { serveInvokeChaincode } from './chaincode-calls.ts';
import { readyPayload, toBuffer, type DialTls, type FakePeerOptions, type InvokeOptions } from './fake-peer-options.ts';
import { InMemoryLedger } from './ledger.ts';
import { serveLedgerRequest } from './ledger-requests.ts';
import { PeerRequestError, type SimulatedTransaction } from './simulation.ts';
import { buildSignedProposal, type CreatorIdentity } from './proposal-builder.ts';
import { PEER_MESSAGE_LIMIT } from '../wire/limits.ts';

export type {
    DialTls,
    FakePeerOptions,
    InvokeChaincodeHandler,
    InvokeChaincodeResult,
    InvokeOptions,
    ReadyPayload,
} from './fake-peer-options.ts';

/** The chaincode's final answer to one transaction. */
export interface TransactionResult {
    readonly type: 'COMPLETED' | 'ERROR';
    /** The Response status; 500 for ERROR, as the endorser reports it. */
    readonly status: number;
    readonly message: string;
    readonly payload: Buffer;
    readonly event: { readonly name: string; readonly payload: Buffer } | undefined;
    readonly txId: string;
    readonly channelId: string;
    /** The ledger requests the chaincode sent for this transaction, in order. */
    readonly requests: readonly ChaincodeMessage__Output[];
}

interface RunningTransaction extends SimulatedTransaction {
    readonly timestamp: Date;
    readonly requests: ChaincodeMessage__Output[];
    pending: boolean;
    readonly resolve: (result: TransactionResult) => void;
    readonly reject: (err: Error) => void;
}

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
        const credentials = tls
            ? grpc.credentials.createSsl(toBuffer(tls.rootCert), toBuffer(tls.clientKey), toBuffer(tls.clientCert))
            : grpc.credentials.createInsecure();
        this.#client = new grpc.Client(address, credentials, {
            'grpc.max_receive_message_length': PEER_MESSAGE_LIMIT,
            'grpc.max_send_message_length': PEER_MESSAGE_LIMIT,
        });
        const method = chaincodeService.Connect;
        if (method === undefined) {
            throw new Error('protos.Chaincode has no Connect method');
        }
        const stream = this.#client.makeBidiStreamRequest<ChaincodeMessage, ChaincodeMessage__Output>(
            method.path,
            method.requestSerialize,
            method.responseDeserialize,
        );
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
        const channelId = options.channelId ?? this.channelId;
        const argBytes = args.map((arg) => (typeof arg === 'string' ? Buffer.from(arg, 'utf8') : arg));
        const transient = new Map(
            Object.entries(options.transient ?? {}).map(([k, v]) => [k, typeof v === 'string' ? Buffer.from(v) : v]),
        );
        const timestamp = options.timestamp ?? new Date();
        const chaincodeName = this.#options.chaincodeName ?? 'basic';
        const built = buildSignedProposal({
            channelId,
            chaincodeName,
            args: argBytes,
            creator: this.#requireCreator(),
            transient,
            timestamp,
        });
        const txId = options.txId ?? built.txId;
        const isInit = options.init ?? false;
        const result = new Promise<TransactionResult>((resolve, reject) => {
            this.#transactions.set(transactionKey(channelId, txId), {
                channelId,
                txId,
                isInit,
                namespace: chaincodeName,
                timestamp,
                writes: [],
                iterators: new Map(),
                readOnly: false,
                requests: [],
                pending: false,
                resolve,
                reject,
            });
        });
        this.send({
            type: isInit ? 'INIT' : 'TRANSACTION',
            payload: chaincodeInputCodec.encode({ args: argBytes, is_init: isInit }),
            txid: txId,
            channel_id: channelId,
            proposal: options.withoutProposal ? null : built.signedProposal,
        });
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
        if (message.type === 'ERROR') {
            const text = message.payload.toString('utf8');
            tx.resolve({ ...baseResult(tx), type: 'ERROR', status: 500, message: text, payload: Buffer.alloc(0) });
            return;
        }
        const response = responseCodec.decode(message.payload);
        if (response.status >= 200 && response.status < 400) {
            this.ledger.apply(tx.writes, { txId: tx.txId, timestamp: tx.timestamp });
        }
        const event = message.chaincode_event;
        tx.resolve({
            ...baseResult(tx),
            type: 'COMPLETED',
            status: response.status,
            message: response.message,
            payload: response.payload,
            event: event ? { name: event.event_name, payload: event.payload } : undefined,
        });
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
        const type = messageType(message);
        const answer = (): void => {
            const served =
                type === 'INVOKE_CHAINCODE'
                    ? serveInvokeChaincode(message, this.#options.onInvokeChaincode)
                    : Promise.resolve().then(() => serveLedgerRequest(type, message.payload, tx, this.ledger));
            served.then(
                (payload) => {
                    tx.pending = false;
                    reply('RESPONSE', payload);
                },
                (err: unknown) => {
                    tx.pending = false;
                    const reason = err instanceof PeerRequestError ? err.message : `malformed request: ${String(err)}`;
                    reply('ERROR', Buffer.from(`${type} failed: transaction ID: ${message.txid}: ${reason}`));
                },
            );
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

function baseResult(tx: RunningTransaction): Pick<TransactionResult, 'txId' | 'channelId' | 'requests' | 'event'> {
    return { txId: tx.txId, channelId: tx.channelId, requests: tx.requests, event: undefined };
}
