// SPDX-License-Identifier: Apache-2.0
//
// The TLS side of the chaincode server: a node:tls listener that completes the handshake
// itself and hands each secure socket to grpc-js, so that every refused client (plaintext,
// no certificate, unknown CA, expired) is logged once with its reason and address, which
// grpc-js's own TLS cannot do. Its key pair can be replaced while it runs.

import type { AddressInfo } from 'node:net';
import tls from 'node:tls';
import type { Logger } from 'pino';
import { parseHostPort } from './host-port.ts';
import { certificateRefusalReason, describeRemote, handshakeRefusalReason } from './tls-refusal.ts';

/** PEM material for the server side of TLS; a client CA makes client certificates mandatory. */
export interface TlsCredentials {
    readonly key: Buffer;
    readonly cert: Buffer;
    readonly clientCa?: Buffer | undefined;
}

export interface TlsListenerOptions extends TlsCredentials {
    readonly address: string;
    readonly logger: Logger;
    /** Receives each socket whose handshake succeeded (and, in mutual TLS, whose certificate verified). */
    readonly onSecureConnection: (socket: tls.TLSSocket) => void;
}

export interface TlsListener {
    readonly port: number;
    /**
     * Serves every handshake from now on with these credentials; connections already open keep
     * theirs. Whether client certificates are required is fixed when the listener starts.
     * Throws if Node cannot build a secure context from them.
     */
    setCredentials(credentials: TlsCredentials): void;
    /** Stops accepting connections; those already handed over are not touched. */
    close(): void;
}

function contextOptions(credentials: TlsCredentials): tls.SecureContextOptions {
    // The peer dials with TLS 1.2 or newer.
    return { key: credentials.key, cert: credentials.cert, ca: credentials.clientCa, minVersion: 'TLSv1.2' };
}

/** Listens on `address`; resolves once bound. */
export function listenTls(options: TlsListenerOptions): Promise<TlsListener> {
    const target = parseHostPort(options.address);
    if (target === undefined) {
        return Promise.reject(new Error(`cannot listen on ${options.address}: not host:port`));
    }
    const mutual = options.clientCa !== undefined;
    const log = options.logger;
    const server = tls.createServer({
        ...contextOptions(options),
        requestCert: mutual,
        // Verification is decided below, on the live socket, so the refusal can name the remote
        // address: Node's own rejection destroys the socket before anything can be logged.
        rejectUnauthorized: false,
        // gRPC runs over HTTP/2, which TLS clients negotiate through ALPN.
        ALPNProtocols: ['h2'],
    });
    server.on('secureConnection', (socket: tls.TLSSocket) => {
        if (mutual && !socket.authorized) {
            const presented = Object.keys(socket.getPeerCertificate()).length > 0;
            refuse(log, socket, certificateRefusalReason(String(socket.authorizationError), presented), {
                code: String(socket.authorizationError),
            });
            socket.destroy();
            return;
        }
        options.onSecureConnection(socket);
    });
    server.on('tlsClientError', (err: Error & { code?: string }, socket: tls.TLSSocket) => {
        refuse(log, socket, handshakeRefusalReason(err.code, err.message), { code: err.code });
    });
    return new Promise((resolve, reject) => {
        server.once('error', (err: Error) => {
            reject(new Error(`cannot listen on ${options.address}: ${err.message}`, { cause: err }));
        });
        server.listen(target.port, target.host, () => {
            resolve({
                port: (server.address() as AddressInfo).port,
                setCredentials: (credentials) => {
                    server.setSecureContext(contextOptions(credentials));
                },
                close: () => {
                    server.close();
                },
            });
        });
    });
}

function refuse(log: Logger, socket: tls.TLSSocket, reason: string, details: { code: string | undefined }): void {
    log.warn(
        { remote: describeRemote(socket.remoteAddress, socket.remotePort), code: details.code, reason },
        'TLS handshake refused',
    );
}
