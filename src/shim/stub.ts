// SPDX-License-Identifier: Apache-2.0
//
// The ChaincodeStub handed to user code: proposal accessors plus ledger calls that
// become requests on the transaction's stream.

import { InvalidArgumentError } from '../errors.ts';
import { delStateCodec, getStateCodec, putStateCodec } from './codecs.ts';
import type { DecodedProposal } from './proposal.ts';
import type { TransactionContext } from './transaction.ts';
import type { ChaincodeStub, SerializedIdentity, SignedProposal, Timestamp } from './types.ts';

/** What the handler knows about a transaction when it builds the stub. */
export interface StubInput {
    readonly args: readonly Buffer[];
    readonly decorations: Readonly<Record<string, Buffer>>;
    readonly proposal: DecodedProposal | undefined;
    readonly transaction: TransactionContext;
}

export class Stub implements ChaincodeStub {
    readonly #args: readonly Buffer[];
    readonly #decorations: Readonly<Record<string, Buffer>>;
    readonly #proposal: DecodedProposal | undefined;
    protected readonly tx: TransactionContext;

    constructor(input: StubInput) {
        this.#args = input.args;
        this.#decorations = input.decorations;
        this.#proposal = input.proposal;
        this.tx = input.transaction;
    }

    getArgs(): string[] {
        return this.#args.map((arg) => arg.toString('utf8'));
    }

    getStringArgs(): string[] {
        return this.getArgs();
    }

    getBufferArgs(): Uint8Array[] {
        return [...this.#args];
    }

    getFunctionAndParameters(): { fcn: string; params: string[] } {
        const [fcn = '', ...params] = this.getArgs();
        return { fcn, params };
    }

    getTxID(): string {
        return this.tx.txId;
    }

    getChannelID(): string {
        return this.tx.channelId;
    }

    getCreator(): SerializedIdentity {
        return this.#requireProposal('getCreator').creator;
    }

    getSignedProposal(): SignedProposal | undefined {
        return this.#proposal?.signedProposal;
    }

    getTxTimestamp(): Timestamp {
        return this.#requireProposal('getTxTimestamp').timestamp;
    }

    getDateTimestamp(): Date {
        const { seconds, nanos } = this.getTxTimestamp();
        return new Date(seconds.toNumber() * 1000 + Math.floor(nanos / 1_000_000));
    }

    getTransient(): Map<string, Uint8Array> {
        return this.#proposal?.transient ?? new Map<string, Uint8Array>();
    }

    getBinding(): string {
        return this.#requireProposal('getBinding').binding;
    }

    getDecorations(): Map<string, Uint8Array> {
        return new Map<string, Uint8Array>(Object.entries(this.#decorations));
    }

    async getState(key: string): Promise<Uint8Array> {
        requireKey(key, 'getState');
        return this.tx.request('GET_STATE', getStateCodec.encode({ key, collection: '' }));
    }

    async putState(key: string, value: Uint8Array): Promise<void> {
        requireKey(key, 'putState');
        await this.tx.request('PUT_STATE', putStateCodec.encode({ key, value: toBytes(value), collection: '' }));
    }

    async deleteState(key: string): Promise<void> {
        requireKey(key, 'deleteState');
        await this.tx.request('DEL_STATE', delStateCodec.encode({ key, collection: '' }));
    }

    setEvent(name: string, payload: Uint8Array): void {
        if (typeof name !== 'string' || name === '') {
            throw new InvalidArgumentError('setEvent: event name must be a non-empty string');
        }
        this.tx.event = { event_name: name, payload: toBytes(payload) };
    }

    #requireProposal(method: string): DecodedProposal {
        if (this.#proposal === undefined) {
            throw new InvalidArgumentError(`${method}: the peer sent no proposal with this transaction`);
        }
        return this.#proposal;
    }
}

/** Rejects the empty key before it reaches the peer (CouchDB refuses it; LevelDB would store it). */
function requireKey(key: unknown, method: string): asserts key is string {
    if (typeof key !== 'string' || key === '') {
        throw new InvalidArgumentError(`${method}: key must be a non-empty string`);
    }
}

/** Accepts the Uint8Array the API promises, and a string as fabric-shim tolerates. */
function toBytes(value: Uint8Array | string): Uint8Array {
    return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}
