// SPDX-License-Identifier: Apache-2.0
//
// The gRPC server the peer dials (protos.Chaincode/Connect): one StreamHandler per
// stream, TLS or mutual TLS, the peer's message limits, and a graceful close.

import * as grpc from '@grpc/grpc-js';
import type { Logger } from 'pino';
import type { ChaincodeMessage, ChaincodeMessage__Output } from '../wire/generated/protos/ChaincodeMessage.ts';
import { PEER_MESSAGE_LIMIT } from '../wire/limits.ts';
import { chaincodeService } from '../wire/protos.ts';
import { drainStreams, settlesWithin } from './drain.ts';
import { serveStream } from './peer-stream.ts';
import type { StreamHandler } from './stream-handler.ts';
import type { StreamObservers } from './stream-observers.ts';
import { listenTls, type TlsListener } from './tls-listener.ts';
import type { Chaincode } from './types.ts';

/** PEM material for the server side of TLS; a client CA makes client certificates mandatory. */
export interface ServerTls {
    readonly key: Buffer;
    readonly cert: Buffer;
    readonly clientCa?: Buffer | undefined;
}

export interface ChaincodeServerOptions {
    readonly chaincodeId: string;
    readonly chaincode: Chaincode;
    /** `host:port`; port 0 picks a free port (tests). */
    readonly address: string;
    readonly logger: Logger;
    readonly tls?: ServerTls | undefined;
    readonly keepalive?: { readonly timeMs: number; readonly timeoutMs: number };
    /** Largest message accepted from / sent to the peer; both default to the peer's 100 MiB. */
    readonly maxReceiveMessageBytes?: number;
    readonly maxSendMessageBytes?: number;
    /** This peer organisation's MSP ID, for stub.getMspID(). */
    readonly mspId?: string | undefined;
    /** Answer a transaction still running after this long with COMPLETED 500; 0 or unset: no limit. */
    readonly executeTimeoutMs?: number | undefined;
    readonly observers?: StreamObservers;
    /** Called when a stream opens or closes, with the number now open. */
    readonly onStreamCountChange?: (open: number) => void;
}

type PeerStream = grpc.ServerDuplexStream<ChaincodeMessage__Output, ChaincodeMessage>;

export class ChaincodeServer {
    readonly #options: ChaincodeServerOptions;
    readonly #log: Logger;
    readonly #server: grpc.Server;
    readonly #handlers = new Set<StreamHandler>();
    #nextStreamId = 1;
    #closing = false;
    #tlsListener: TlsListener | undefined;

    constructor(options: ChaincodeServerOptions) {
        this.#options = options;
        this.#log = options.logger;
        this.#server = new grpc.Server({
            // The peer sends and accepts up to 100 MiB; grpc-js would refuse anything over 4 MiB.
            'grpc.max_receive_message_length': options.maxReceiveMessageBytes ?? PEER_MESSAGE_LIMIT,
            'grpc.max_send_message_length': options.maxSendMessageBytes ?? PEER_MESSAGE_LIMIT,
            // Ping an idle peer so a dead connection is noticed; the peer's client accepts any rate.
            'grpc.keepalive_time_ms': options.keepalive?.timeMs ?? 60_000,
            'grpc.keepalive_timeout_ms': options.keepalive?.timeoutMs ?? 20_000,
            // No max connection age: it would cut the one long-lived stream each peer holds.
        });
        this.#server.addService(chaincodeService, {
            Connect: (call: PeerStream) => {
                this.#connect(call);
            },
        });
    }

    /** Streams open right now. */
    get openStreams(): number {
        return this.#handlers.size;
    }

    /** Transactions in flight over all streams. */
    get inFlight(): number {
        let total = 0;
        for (const handler of this.#handlers) {
            total += handler.inFlight;
        }
        return total;
    }

    /** Binds the address; resolves with the bound port. */
    async start(): Promise<number> {
        const tls = this.#options.tls;
        const port = tls === undefined ? await this.#bindPlaintext() : await this.#bindTls(tls);
        this.#log.info({ address: this.#options.address, port, tls: this.#tlsMode() }, 'chaincode server listening');
        return port;
    }

    /**
     * Graceful close: refuse new streams and new transactions, let transactions in flight
     * finish, end every stream, then stop. At `graceMs` whatever is left is cut.
     * Resolves true when nothing was cut.
     */
    async close(graceMs: number): Promise<boolean> {
        this.#closing = true;
        this.#tlsListener?.close();
        const started = performance.now();
        const stopped = new Promise<void>((resolve) => {
            this.#server.tryShutdown(() => {
                resolve();
            });
        });
        const cut = await drainStreams([...this.#handlers], graceMs, this.#log);
        if (!(await settlesWithin(stopped, graceMs - (performance.now() - started)))) {
            this.#server.forceShutdown();
        }
        this.#log.info({ cut }, 'chaincode server stopped');
        return cut === 0;
    }

    /** Stops at once, cutting every stream. */
    forceClose(): void {
        this.#closing = true;
        this.#tlsListener?.close();
        for (const handler of this.#handlers) {
            handler.close(new Error('server stopped'));
        }
        this.#server.forceShutdown();
    }

    #connect(call: PeerStream): void {
        const streamId = this.#nextStreamId++;
        const log = this.#log.child({ stream: streamId });
        if (this.#closing) {
            call.end();
            return;
        }
        log.info({ peer: call.getPeer() }, 'peer connected');
        const handler = serveStream(
            call,
            {
                chaincodeId: this.#options.chaincodeId,
                chaincode: this.#options.chaincode,
                mspId: this.#options.mspId,
                executeTimeoutMs: this.#options.executeTimeoutMs,
                logger: log,
                observers: this.#options.observers,
            },
            () => {
                this.#handlers.delete(handler);
                this.#options.onStreamCountChange?.(this.#handlers.size);
            },
        );
        this.#handlers.add(handler);
        this.#options.onStreamCountChange?.(this.#handlers.size);
        handler.start();
    }

    #bindPlaintext(): Promise<number> {
        return new Promise((resolve, reject) => {
            this.#server.bindAsync(this.#options.address, grpc.ServerCredentials.createInsecure(), (err, port) => {
                if (err) {
                    reject(new Error(`cannot listen on ${this.#options.address}: ${err.message}`, { cause: err }));
                } else {
                    resolve(port);
                }
            });
        });
    }

    /**
     * TLS is terminated by our own listener, which logs each refused handshake; grpc-js then
     * serves HTTP/2 on the secure sockets it is handed.
     */
    async #bindTls(tls: ServerTls): Promise<number> {
        const injector = this.#server.createConnectionInjector(grpc.ServerCredentials.createInsecure());
        this.#tlsListener = await listenTls({
            address: this.#options.address,
            key: tls.key,
            cert: tls.cert,
            clientCa: tls.clientCa,
            logger: this.#log,
            onSecureConnection: (socket) => {
                injector.injectConnection(socket);
            },
        });
        return this.#tlsListener.port;
    }

    #tlsMode(): 'off' | 'tls' | 'mutual' {
        const tls = this.#options.tls;
        if (tls === undefined) {
            return 'off';
        }
        return tls.clientCa === undefined ? 'tls' : 'mutual';
    }
}
