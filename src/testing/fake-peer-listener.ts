// SPDX-License-Identifier: Apache-2.0
//
// The fake peer's chaincode listener for dev mode: a gRPC server offering
// protos.ChaincodeSupport/Register, where a chaincode in client mode dials in. Each
// stream is handed to its own FakePeer.

import * as grpc from '@grpc/grpc-js';
import type { ChaincodeMessage, ChaincodeMessage__Output } from '../wire/generated/protos/ChaincodeMessage.ts';
import { chaincodeSupportService } from '../wire/protos.ts';
import { FakePeer } from './fake-peer.ts';
import type { FakePeerOptions } from './fake-peer-options.ts';
import { PEER_MESSAGE_LIMIT } from '../wire/limits.ts';

/** TLS of the listener: its key and certificate, and a client CA to require client certificates. */
export interface ListenerTls {
    readonly key: string | Buffer;
    readonly cert: string | Buffer;
    readonly clientCa?: string | Buffer;
}

type ChaincodeStream = grpc.ServerDuplexStream<ChaincodeMessage__Output, ChaincodeMessage>;

interface Claim {
    readonly options: FakePeerOptions;
    readonly resolve: (peer: FakePeer) => void;
    readonly reject: (err: Error) => void;
}

export class FakePeerListener {
    /** Every peer that took a stream, in order. */
    readonly peers: FakePeer[] = [];
    readonly #defaults: FakePeerOptions;
    readonly #claims: Claim[] = [];
    readonly #unclaimed: FakePeer[] = [];
    #server: grpc.Server | undefined;

    /** `defaults` are the options of a peer taking a stream nobody awaited with accept(). */
    constructor(defaults: FakePeerOptions = {}) {
        this.#defaults = defaults;
    }

    /** Listens on `address` (port 0 picks one); resolves with the bound port. */
    listen(address: string, tls?: ListenerTls): Promise<number> {
        const server = new grpc.Server({
            'grpc.max_receive_message_length': PEER_MESSAGE_LIMIT,
            'grpc.max_send_message_length': PEER_MESSAGE_LIMIT,
        });
        server.addService(chaincodeSupportService, {
            Register: (call: ChaincodeStream) => {
                this.#onStream(call);
            },
        });
        this.#server = server;
        const credentials = tls
            ? grpc.ServerCredentials.createSsl(
                  tls.clientCa === undefined ? null : Buffer.from(tls.clientCa),
                  [{ private_key: Buffer.from(tls.key), cert_chain: Buffer.from(tls.cert) }],
                  tls.clientCa !== undefined,
              )
            : grpc.ServerCredentials.createInsecure();
        return new Promise((resolve, reject) => {
            server.bindAsync(address, credentials, (err, port) => {
                if (err) {
                    reject(err);
                } else {
                    resolve(port);
                }
            });
        });
    }

    /**
     * Resolves with the peer that takes the next stream a chaincode opens, once that
     * chaincode has sent REGISTER (or with one that already registered and nobody claimed).
     */
    accept(options: FakePeerOptions = this.#defaults): Promise<FakePeer> {
        const waiting = this.#unclaimed.shift();
        if (waiting !== undefined) {
            return Promise.resolve(waiting);
        }
        return new Promise((resolve, reject) => this.#claims.push({ options, resolve, reject }));
    }

    /** Stops the listener, cutting every stream, as a peer going down would. */
    stop(): void {
        this.#server?.forceShutdown();
        this.#server = undefined;
        for (const peer of this.peers) {
            peer.close();
        }
    }

    #onStream(call: ChaincodeStream): void {
        const claim = this.#claims.shift();
        const peer = new FakePeer(claim?.options ?? this.#defaults);
        this.peers.push(peer);
        peer.attach(call, () => {
            call.end();
        }).then(
            () => {
                if (claim) {
                    claim.resolve(peer);
                } else {
                    this.#unclaimed.push(peer);
                }
            },
            (err: unknown) => {
                claim?.reject(err instanceof Error ? err : new Error(String(err)));
            },
        );
    }
}
