// SPDX-License-Identifier: Apache-2.0
//
// The load driver: plays the peer on S gRPC streams, keeps C transactions in flight on each,
// answers GET_STATE/PUT_STATE from an in-memory ledger and checks every COMPLETED.

import { randomBytes } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { chaincodeMessageCodec } from '../src/wire/protos.ts';
import { chaincodeInputCodec } from '../src/wire/codecs.ts';
import { createCertificateAuthority } from '../src/testing/certs.ts';
import { buildSignedProposal } from '../src/testing/proposal-builder.ts';
import { encodeMessage, fieldBytes, fieldVarint, MessageType, MessageView } from './wire.ts';
import { BENCH_CHAINCODE_ID, BENCH_CHANNEL, benchArgs, benchKey, benchValue, MAX_K } from './workload.ts';
import { PEER_MESSAGE_LIMIT } from '../src/wire/limits.ts';

export interface DriverOptions {
    readonly address: string;
    readonly streams: number;
    /** Transactions in flight per stream. */
    readonly inFlight: number;
    readonly k: number;
}

/** One run of `count` transactions. */
export interface RunResult {
    readonly completed: number;
    /** Transactions answered wrongly (ERROR, bad status or payload, wrong request count). */
    readonly failed: number;
    readonly seconds: number;
    /** Per-transaction latency in milliseconds, in completion order. */
    readonly latenciesMs: Float64Array;
    /** The first failure, in words. */
    readonly firstFailure: string | undefined;
    /** True when the deadline passed before every transaction completed. */
    readonly timedOut: boolean;
}

/** A TRANSACTION message built once; only its txid changes per send. */
interface TransactionTemplate {
    readonly bytes: Buffer;
    readonly txidOffset: number;
}

const TXID_LENGTH = 64;
const COUNTER_DIGITS = 16;
const identity = (buf: Buffer): Buffer => buf;

/** Builds a TRANSACTION with a realistic signed proposal (fresh CA, creator certificate) for workload K. */
async function transactionTemplate(k: number): Promise<TransactionTemplate> {
    const ca = await createCertificateAuthority('ca.org1.example.com');
    const user = await ca.issue({ commonName: 'User1@org1.example.com', usage: 'client' });
    const args = benchArgs(k).map((arg) => Buffer.from(arg));
    const built = buildSignedProposal({
        channelId: BENCH_CHANNEL,
        chaincodeName: 'bench',
        args,
        creator: { mspid: 'Org1MSP', certificate: user.cert, privateKey: user.key },
    });
    const placeholder = 'x'.repeat(TXID_LENGTH);
    const bytes = Buffer.from(
        chaincodeMessageCodec.encode({
            type: 'TRANSACTION',
            payload: chaincodeInputCodec.encode({ args, is_init: false }),
            txid: placeholder,
            channel_id: BENCH_CHANNEL,
            proposal: built.signedProposal,
        }),
    );
    const txidOffset = bytes.indexOf(placeholder, 0, 'latin1');
    if (txidOffset < 0) {
        throw new Error('txid placeholder not found in the encoded TRANSACTION');
    }
    return { bytes, txidOffset };
}

interface PendingTransaction {
    readonly startedAt: number;
    gets: number;
    puts: number;
}

/** Shared by every stream of one run. */
class RunState {
    readonly latenciesMs: Float64Array;
    launched = 0;
    completed = 0;
    failed = 0;
    firstFailure: string | undefined;
    readonly #count: number;
    readonly #done: () => void;

    constructor(count: number, done: () => void) {
        this.#count = count;
        this.latenciesMs = new Float64Array(count);
        this.#done = done;
    }

    /** Claims the right to send one more transaction. */
    claim(): boolean {
        if (this.launched >= this.#count) {
            return false;
        }
        this.launched++;
        return true;
    }

    finish(latencyMs: number, failure: string | undefined): void {
        this.latenciesMs[this.completed++] = latencyMs;
        if (failure !== undefined) {
            this.failed++;
            this.firstFailure ??= failure;
        }
        if (this.completed === this.#count) {
            this.#done();
        }
    }
}

/** One peer stream: its own HTTP/2 connection, like one peer. */
class PeerStream {
    readonly #client: grpc.Client;
    readonly #stream: grpc.ClientDuplexStream<Buffer, Buffer>;
    readonly #template: TransactionTemplate;
    readonly #k: number;
    readonly #prefix: string;
    readonly #ledger: Map<string, Buffer>;
    readonly #expected: Buffer;
    readonly #pending = new Map<string, PendingTransaction>();
    readonly #view = new MessageView();
    #counter = 0;
    #run: RunState | undefined;
    #registered: (() => void) | undefined;
    #failed: ((err: Error) => void) | undefined;

    constructor(address: string, template: TransactionTemplate, k: number, ledger: Map<string, Buffer>) {
        this.#template = template;
        this.#k = k;
        this.#ledger = ledger;
        this.#expected = ledger.get(benchKey(k - 1)) ?? Buffer.alloc(0);
        this.#prefix = randomBytes((TXID_LENGTH - COUNTER_DIGITS) / 2).toString('hex');
        this.#client = new grpc.Client(address, grpc.credentials.createInsecure(), {
            'grpc.max_receive_message_length': PEER_MESSAGE_LIMIT,
            'grpc.max_send_message_length': PEER_MESSAGE_LIMIT,
            // One connection per stream, as S peers would have; grpc-js shares them otherwise.
            'grpc.use_local_subchannel_pool': 1,
        });
        this.#stream = this.#client.makeBidiStreamRequest('/protos.Chaincode/Connect', identity, identity);
        this.#stream.on('data', (buf: Buffer) => {
            this.#onMessage(buf);
        });
        this.#stream.on('error', (err: Error) => {
            this.#failed?.(err);
        });
    }

    /** Resolves after REGISTER has been answered with REGISTERED and READY. */
    handshake(): Promise<void> {
        return new Promise((resolve, reject) => {
            this.#registered = resolve;
            this.#failed = reject;
        });
    }

    /** Starts up to `inFlight` transactions of `run`; each completion starts the next. */
    start(run: RunState, inFlight: number): void {
        this.#run = run;
        for (let i = 0; i < inFlight && run.claim(); i++) {
            this.#send();
        }
    }

    close(): void {
        this.#stream.cancel();
        this.#client.close();
    }

    #send(): void {
        const { bytes, txidOffset } = this.#template;
        const message = Buffer.allocUnsafe(bytes.length);
        bytes.copy(message);
        const txid = this.#prefix + (this.#counter++).toString(16).padStart(COUNTER_DIGITS, '0');
        message.write(txid, txidOffset, 'latin1');
        this.#pending.set(txid, { startedAt: performance.now(), gets: 0, puts: 0 });
        this.#stream.write(message);
    }

    #onMessage(buf: Buffer): void {
        const view = this.#view.read(buf);
        switch (view.type) {
            case MessageType.GET_STATE:
            case MessageType.PUT_STATE:
                this.#onRequest(buf, view);
                return;
            case MessageType.COMPLETED:
            case MessageType.ERROR:
                this.#onFinal(buf, view);
                return;
            case MessageType.REGISTER:
                if (fieldBytes(buf, view.payloadStart, view.payloadEnd, 2)?.toString() !== BENCH_CHAINCODE_ID) {
                    this.#failed?.(new Error('REGISTER carried the wrong chaincode id'));
                    return;
                }
                this.#stream.write(encodeMessage(MessageType.REGISTERED));
                this.#stream.write(encodeMessage(MessageType.READY));
                this.#registered?.();
                return;
            case MessageType.KEEPALIVE:
                return;
            default:
                this.#failed?.(new Error(`unexpected message type ${view.type}`));
        }
    }

    #onRequest(buf: Buffer, view: MessageView): void {
        const txid = buf.toString('latin1', view.txidStart, view.txidEnd);
        const tx = this.#pending.get(txid);
        const key = fieldBytes(buf, view.payloadStart, view.payloadEnd, 1)?.toString('latin1') ?? '';
        const stored = this.#ledger.get(key);
        const txidBytes = buf.subarray(view.txidStart, view.txidEnd);
        const channel = buf.subarray(view.channelStart, view.channelEnd);
        if (tx === undefined || stored === undefined) {
            this.#stream.write(encodeMessage(MessageType.ERROR, Buffer.from('no such key or tx'), txidBytes, channel));
            return;
        }
        if (view.type === MessageType.GET_STATE) {
            tx.gets++;
            this.#stream.write(encodeMessage(MessageType.RESPONSE, stored, txidBytes, channel));
            return;
        }
        tx.puts++;
        const value = fieldBytes(buf, view.payloadStart, view.payloadEnd, 2);
        if (value === undefined || !value.equals(stored)) {
            tx.puts = -Infinity;
        }
        this.#stream.write(encodeMessage(MessageType.RESPONSE, undefined, txidBytes, channel));
    }

    #onFinal(buf: Buffer, view: MessageView): void {
        const txid = buf.toString('latin1', view.txidStart, view.txidEnd);
        const tx = this.#pending.get(txid);
        const run = this.#run;
        if (tx === undefined || run === undefined) {
            return;
        }
        this.#pending.delete(txid);
        const latency = performance.now() - tx.startedAt;
        run.finish(latency, this.#check(buf, view, tx));
        if (run.claim()) {
            this.#send();
        }
    }

    /** Undefined when the transaction was answered as the workload requires; the problem otherwise. */
    #check(buf: Buffer, view: MessageView, tx: PendingTransaction): string | undefined {
        if (view.type === MessageType.ERROR) {
            return `ERROR: ${buf.toString('utf8', view.payloadStart, view.payloadEnd)}`;
        }
        const status = fieldVarint(buf, view.payloadStart, view.payloadEnd, 1);
        if (status !== 200) {
            return `status ${status}: ${fieldBytes(buf, view.payloadStart, view.payloadEnd, 2)?.toString() ?? ''}`;
        }
        if (!fieldBytes(buf, view.payloadStart, view.payloadEnd, 3)?.equals(this.#expected)) {
            return 'COMPLETED payload is not the last value read';
        }
        if (tx.gets !== this.#k || tx.puts !== this.#k) {
            return `expected ${this.#k} GET_STATE and PUT_STATE with the values read, got ${tx.gets} and ${tx.puts}`;
        }
        return undefined;
    }
}

/** The peer side of a benchmark: S connected streams, ready to run transactions. */
export class LoadDriver {
    readonly #options: DriverOptions;
    readonly #streams: PeerStream[];

    private constructor(options: DriverOptions, streams: PeerStream[]) {
        this.#options = options;
        this.#streams = streams;
    }

    /** Connects S streams to the server and completes each handshake. */
    static async connect(options: DriverOptions): Promise<LoadDriver> {
        if (options.k < 1 || options.k > MAX_K) {
            throw new Error(`K must be from 1 to ${MAX_K}`);
        }
        const template = await transactionTemplate(options.k);
        const ledger = new Map<string, Buffer>();
        for (let i = 0; i < MAX_K; i++) {
            ledger.set(benchKey(i), benchValue(i));
        }
        const streams = Array.from(
            { length: options.streams },
            () => new PeerStream(options.address, template, options.k, ledger),
        );
        const driver = new LoadDriver(options, streams);
        try {
            await Promise.all(streams.map((stream) => stream.handshake()));
        } catch (err) {
            driver.close();
            throw err;
        }
        return driver;
    }

    /** Runs `count` transactions; resolves when all have completed or at `deadlineMs`. */
    async run(count: number, deadlineMs: number): Promise<RunResult> {
        let timer: NodeJS.Timeout | undefined;
        let timedOut = false;
        const started = performance.now();
        let state: RunState | undefined;
        await new Promise<void>((resolve) => {
            state = new RunState(count, resolve);
            timer = setTimeout(() => {
                timedOut = true;
                resolve();
            }, deadlineMs);
            for (const stream of this.#streams) {
                stream.start(state, this.#options.inFlight);
            }
            if (count === 0) {
                resolve();
            }
        });
        clearTimeout(timer);
        const seconds = (performance.now() - started) / 1000;
        if (state === undefined) {
            throw new Error('unreachable: the run never started');
        }
        return {
            completed: state.completed,
            failed: state.failed,
            seconds,
            latenciesMs: state.latenciesMs.subarray(0, state.completed),
            firstFailure: state.firstFailure,
            timedOut,
        };
    }

    close(): void {
        for (const stream of this.#streams) {
            stream.close();
        }
    }
}
