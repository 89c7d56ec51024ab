// SPDX-License-Identifier: Apache-2.0
//
// Dev (client) mode: the chaincode dials the peer's chaincode listener
// (protos.ChaincodeSupport/Register) and runs the same StreamHandler over the stream it
// opened, dialling again with capped exponential backoff whenever the stream is lost.
// ("Dialer", not "client": to Fabric people a client is the application using the Gateway.)

import * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { ChaincodeMessage, ChaincodeMessage__Output } from '../wire/generated/protos/ChaincodeMessage.ts';
import { PEER_MESSAGE_LIMIT } from '../wire/limits.ts';
import { chaincodeSupportService } from '../wire/protos.ts';
import { drainStreams } from './drain.ts';
import { serveStream } from './peer-stream.ts';
import type { StreamHandler, StreamHandlerOptions } from './stream-handler.ts';

/** The peer's CA, and our client pair for mutual TLS. */
export interface PeerTls {
    readonly rootCert: Buffer;
    readonly clientKey?: Buffer | undefined;
    readonly clientCert?: Buffer | undefined;
}

export interface DevModeDialerOptions extends Pick<
    StreamHandlerOptions,
    'chaincodeId' | 'chaincode' | 'mspId' | 'executeTimeoutMs' | 'observers'
> {
    /** The peer's chaincode listener, host:port. */
    readonly peerAddress: string;
    readonly logger: Logger;
    readonly tls?: PeerTls | undefined;
    /** gRPC ping interval; the peer cuts clients that ping more often than every 60 s. */
    readonly keepaliveMs?: number;
    readonly reconnectInitialMs?: number;
    readonly reconnectMaxMs?: number;
    readonly maxReceiveMessageBytes?: number;
    readonly maxSendMessageBytes?: number;
    /** Called with true when the peer has registered us, false when the stream is lost. */
    readonly onConnectionChange?: (registered: boolean) => void;
}

export class DevModeDialer {
    readonly #options: DevModeDialerOptions;
    readonly #log: Logger;
    #client: grpc.Client | undefined;
    #handler: StreamHandler | undefined;
    #registered = false;
    #attempt = 0;
    #retryTimer: NodeJS.Timeout | undefined;
    #closing = false;

    constructor(options: DevModeDialerOptions) {
        this.#options = options;
        this.#log = options.logger;
    }

    /** True while the peer has us registered. */
    get registered(): boolean {
        return this.#registered;
    }

    /** 1 while a stream to the peer is open, else 0. */
    get openStreams(): number {
        return this.#handler === undefined ? 0 : 1;
    }

    get inFlight(): number {
        return this.#handler?.inFlight ?? 0;
    }

    /** Starts dialling; returns at once (the peer may not be up yet). */
    start(): void {
        this.#dial();
    }

    /**
     * Graceful close: stop dialling, refuse new transactions, let those in flight finish
     * (cut at `graceMs`), end the stream. Resolves true when nothing was cut.
     */
    async close(graceMs: number): Promise<boolean> {
        this.#closing = true;
        clearTimeout(this.#retryTimer);
        const handler = this.#handler;
        const cut = handler === undefined ? 0 : await drainStreams([handler], graceMs, this.#log);
        this.#client?.close();
        return cut === 0;
    }

    /** Stops at once. */
    forceClose(): void {
        this.#closing = true;
        clearTimeout(this.#retryTimer);
        this.#handler?.close(new Error('client stopped'));
        this.#client?.close();
    }

    #dial(): void {
        if (this.#closing) {
            return;
        }
        this.#attempt += 1;
        this.#log.info({ peer: this.#options.peerAddress, attempt: this.#attempt }, 'dialling the peer');
        this.#client?.close();
        const client = new grpc.Client(this.#options.peerAddress, this.#credentials(), {
            // The peer sends and accepts up to 100 MiB; grpc-js would refuse anything over 4 MiB.
            'grpc.max_receive_message_length': this.#options.maxReceiveMessageBytes ?? PEER_MESSAGE_LIMIT,
            'grpc.max_send_message_length': this.#options.maxSendMessageBytes ?? PEER_MESSAGE_LIMIT,
            // At least 60 s: the peer answers faster pings with GOAWAY too_many_pings and drops the stream.
            'grpc.keepalive_time_ms': Math.max(this.#options.keepaliveMs ?? 110_000, 60_000),
            'grpc.keepalive_timeout_ms': 20_000,
            // The peer permits pings on an idle connection; they keep NAT and proxies from dropping it.
            'grpc.keepalive_permit_without_calls': 1,
        });
        this.#client = client;
        const method = chaincodeSupportService.Register;
        if (method === undefined) {
            throw new Error('protos.ChaincodeSupport has no Register method');
        }
        const call = client.makeBidiStreamRequest<ChaincodeMessage, ChaincodeMessage__Output>(
            method.path,
            method.requestSerialize,
            method.responseDeserialize,
        );
        const handler = serveStream(
            call,
            {
                chaincodeId: this.#options.chaincodeId,
                chaincode: this.#options.chaincode,
                mspId: this.#options.mspId,
                executeTimeoutMs: this.#options.executeTimeoutMs,
                logger: this.#log,
                observers: {
                    ...this.#options.observers,
                    onRegistered: () => {
                        this.#attempt = 0;
                        this.#setRegistered(true);
                        this.#options.observers?.onRegistered?.();
                    },
                },
            },
            (reason) => {
                this.#handler = undefined;
                this.#setRegistered(false);
                this.#scheduleDial(reason);
            },
        );
        this.#handler = handler;
        handler.start();
    }

    #scheduleDial(reason: Error | undefined): void {
        if (this.#closing) {
            return;
        }
        const delayMs = reconnectDelay(
            this.#attempt,
            this.#options.reconnectInitialMs ?? 500,
            this.#options.reconnectMaxMs ?? 30_000,
        );
        this.#log.info({ delayMs, reason: reason?.message }, 'stream to the peer lost; dialling again');
        this.#retryTimer = setTimeout(() => {
            this.#dial();
        }, delayMs);
    }

    #setRegistered(registered: boolean): void {
        if (this.#registered !== registered) {
            this.#registered = registered;
            this.#options.onConnectionChange?.(registered);
        }
    }

    #credentials(): grpc.ChannelCredentials {
        const tls = this.#options.tls;
        if (tls === undefined) {
            return grpc.credentials.createInsecure();
        }
        return grpc.credentials.createSsl(tls.rootCert, tls.clientKey ?? null, tls.clientCert ?? null);
    }
}

/** Capped exponential backoff: `initialMs` after the first failed attempt, doubling, never above `maxMs`. */
export function reconnectDelay(attempt: number, initialMs: number, maxMs: number): number {
    return Math.min(Math.max(maxMs, initialMs), initialMs * 2 ** Math.max(0, attempt - 1));
}
