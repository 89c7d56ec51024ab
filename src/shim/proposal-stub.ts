// SPDX-License-Identifier: Apache-2.0
//
// The part of the ChaincodeStub that needs no ledger: arguments, proposal accessors,
// the event, the peer's MSP ID and composite keys. `Stub` adds the ledger calls.

import { InvalidArgumentError } from './errors.ts';
import { createCompositeKey, splitCompositeKey } from './keys.ts';
import { eventPayload } from './stub-arguments.ts';
import type { DecodedProposal } from './proposal.ts';
import type { LedgerClient } from './ledger-client.ts';
import type { ChaincodeEvent } from '../wire/generated/protos/ChaincodeEvent.ts';
import type { SerializedIdentity, SignedProposal, SplitCompositeKey, Timestamp } from './types.ts';

/** What the transaction runner knows about a transaction when it builds the stub. */
export interface StubInput {
    readonly args: readonly Buffer[];
    readonly decorations: Readonly<Record<string, Buffer>>;
    readonly proposal: DecodedProposal | undefined;
    readonly channelId: string;
    readonly txId: string;
    /** Where the transaction's ledger calls go. */
    readonly ledger: LedgerClient;
    /** Receives the transaction's event; the last setEvent wins. */
    readonly onEvent: (event: ChaincodeEvent) => void;
    /** The peer organisation's MSP ID (config `CORE_PEER_LOCALMSPID`), if configured. */
    readonly mspId?: string | undefined;
}

export class ProposalStub {
    readonly #args: readonly Buffer[];
    readonly #decorations: Readonly<Record<string, Buffer>>;
    readonly #proposal: DecodedProposal | undefined;
    readonly #mspId: string | undefined;
    readonly #channelId: string;
    readonly #txId: string;
    readonly #onEvent: (event: ChaincodeEvent) => void;

    constructor(input: StubInput) {
        this.#args = input.args;
        this.#decorations = input.decorations;
        this.#proposal = input.proposal;
        this.#mspId = input.mspId;
        this.#channelId = input.channelId;
        this.#txId = input.txId;
        this.#onEvent = input.onEvent;
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
        return this.#txId;
    }

    getChannelID(): string {
        return this.#channelId;
    }

    getMspID(): string {
        if (this.#mspId === undefined || this.#mspId === '') {
            throw new InvalidArgumentError(
                'getMspID: the peer MSP ID is not configured; set CORE_PEER_LOCALMSPID for the chaincode server',
            );
        }
        return this.#mspId;
    }

    getCreator(): SerializedIdentity {
        return this.#requireProposal('getCreator').creator;
    }

    getSignedProposal(): SignedProposal {
        // undefined without a proposal, under fabric-shim's type (see types.ts).
        return this.#proposal?.signedProposal as SignedProposal;
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

    setEvent(name: string, payload: Uint8Array): void {
        if (typeof name !== 'string' || name === '') {
            throw new InvalidArgumentError('setEvent: event name must be a non-empty string');
        }
        this.#onEvent({ event_name: name, payload: eventPayload(payload) });
    }

    createCompositeKey(objectType: string, attributes: string[]): string {
        return createCompositeKey(objectType, attributes);
    }

    splitCompositeKey(compositeKey: string): SplitCompositeKey {
        return splitCompositeKey(compositeKey);
    }

    #requireProposal(method: string): DecodedProposal {
        if (this.#proposal === undefined) {
            throw new InvalidArgumentError(`${method}: the peer sent no proposal with this transaction`);
        }
        return this.#proposal;
    }
}

/** Accepts the Uint8Array the API promises, and a string as fabric-shim tolerates. */
export function toBytes(value: Uint8Array | string): Uint8Array {
    return typeof value === 'string' ? Buffer.from(value, 'utf8') : value;
}
