// SPDX-License-Identifier: Apache-2.0
//
// A StreamHandler over an in-memory PeerConnection: every message either way goes through the
// stream's real (de)serialiser, as grpc-js would run it, and the connection records what the
// handler sent and how often it ended the stream. For unit tests of the state machine.

import pino from 'pino';
import { StreamHandler } from '../../src/shim/stream-handler.ts';
import type { PeerConnection } from '../../src/shim/stream-handler.ts';
import type { StreamErrorReason } from '../../src/shim/stream-observers.ts';
import type { Chaincode } from '../../src/shim/types.ts';
import type { ChaincodeMessage, ChaincodeMessage__Output } from '../../src/wire/generated/protos/ChaincodeMessage.ts';
import { chaincodeMessageSerde } from '../../src/wire/message-serde.ts';
import { messageType } from '../../src/wire/message-type.ts';
import { OBJECT_OPTIONS, protoRoot } from '../../src/wire/protos.ts';

const serde = chaincodeMessageSerde(protoRoot(), OBJECT_OPTIONS);

/** A message as the other side decodes it off the wire. */
export function overTheWire(message: ChaincodeMessage): ChaincodeMessage__Output {
    return serde.deserialize(serde.serialize(message));
}

interface Waiter {
    readonly type: string;
    readonly resolve: (message: ChaincodeMessage__Output) => void;
}

/** Records what the handler writes (decoded as the peer would read it) and each end(). */
export class MemoryConnection implements PeerConnection {
    #sent: ChaincodeMessage__Output[] = [];
    #ends = 0;
    #waiters: Waiter[] = [];

    send(message: ChaincodeMessage): void {
        const decoded = overTheWire(message);
        this.#sent.push(decoded);
        const type = messageType(decoded);
        for (const waiter of this.#waiters.filter((w) => w.type === type)) {
            waiter.resolve(decoded);
        }
        this.#waiters = this.#waiters.filter((w) => w.type !== type);
    }

    end(): void {
        this.#ends += 1;
    }

    /** Messages sent since the last reset(). */
    get sent(): readonly ChaincodeMessage__Output[] {
        return this.#sent;
    }

    /** end() calls since the last reset(). */
    get ends(): number {
        return this.#ends;
    }

    reset(): void {
        this.#sent = [];
        this.#ends = 0;
    }

    /** The first message of `type` sent since the last reset(), now or when it comes. */
    waitFor(type: string): Promise<ChaincodeMessage__Output> {
        const already = this.#sent.find((message) => messageType(message) === type);
        if (already !== undefined) {
            return Promise.resolve(already);
        }
        return new Promise((resolve) => this.#waiters.push({ type, resolve }));
    }
}

export interface MemoryStream {
    readonly handler: StreamHandler;
    readonly connection: MemoryConnection;
    /** Every onStreamError reason reported, in order. */
    readonly streamErrors: StreamErrorReason[];
    /** Delivers a peer message through the wire serialiser. */
    readonly deliver: (message: ChaincodeMessage) => void;
}

export function memoryStream(chaincode: Chaincode, chaincodeId = 'fsm:1'): MemoryStream {
    const connection = new MemoryConnection();
    const streamErrors: StreamErrorReason[] = [];
    const handler = new StreamHandler({
        chaincodeId,
        chaincode,
        connection,
        logger: pino({ level: 'silent' }),
        observers: { onStreamError: (reason) => streamErrors.push(reason) },
    });
    return {
        handler,
        connection,
        streamErrors,
        deliver: (message) => {
            handler.handle(overTheWire(message));
        },
    };
}

/** Lets every callback queued so far run (promise jobs and one setImmediate turn). */
export function settle(): Promise<void> {
    return new Promise((resolve) => setImmediate(resolve));
}
