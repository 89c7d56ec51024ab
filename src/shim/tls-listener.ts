// SPDX-License-Identifier: Apache-2.0
//
// The TLS side of the chaincode server: a node:tls listener that completes the handshake
// itself and hands each secure socket to grpc-js, so that every refused client (plaintext,
// no certificate, unknown CA, expired) is logged once, which grpc-js's own TLS cannot do.

import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import type { Logger } from 'pino';
import { parseHostPort } from './host-port.ts';

export interface TlsListenerOptions {
    readonly address: string;
    readonly key: Buffer;
    readonly cert: Buffer;
    /** Makes a client certificate from this CA mandatory (mutual TLS). */
    readonly clientCa?: Buffer | undefined;
    readonly logger: Logger;
    /** Receives each socket whose handshake succeeded. */
    readonly onSecureConnection: (socket: tls.TLSSocket) => void;
}

export interface TlsListener {
    readonly port: number;
    /** Stops accepting connections; those already handed over are not touched. */
    close(): void;
}

/** Listens on `address`; resolves once bound. */
export function listenTls(options: TlsListenerOptions): Promise<TlsListener> {
    const target = parseHostPort(options.address);
    if (target === undefined) {
        return Promise.reject(new Error(`cannot listen on ${options.address}: not host:port`));
    }
    const mutual = options.clientCa !== undefined;
    const server = tls.createServer({
        key: options.key,
        cert: options.cert,
        ca: options.clientCa,
        requestCert: mutual,
        rejectUnauthorized: mutual,
        // gRPC runs over HTTP/2, which TLS clients negotiate through ALPN.
        ALPNProtocols: ['h2'],
        // The peer dials with TLS 1.2 or newer.
        minVersion: 'TLSv1.2',
    });
    server.on('secureConnection', options.onSecureConnection);
    server.on('tlsClientError', (err: Error & { code?: string }, socket: tls.TLSSocket) => {
        options.logger.warn(
            {
                remote: `${socket.remoteAddress ?? '?'}:${String(socket.remotePort ?? '?')}`,
                code: err.code,
                reason: err.message,
            },
            'TLS handshake refused',
        );
    });
    return new Promise((resolve, reject) => {
        server.once('error', (err: Error) => {
            reject(new Error(`cannot listen on ${options.address}: ${err.message}`, { cause: err }));
        });
        server.listen(target.port, target.host, () => {
            resolve({
                port: (server.address() as AddressInfo).port,
                close: () => {
                    server.close();
                },
            });
        });
    });
}
