// SPDX-License-Identifier: Apache-2.0
//
// One gRPC stream of ChaincodeMessages served by a StreamHandler, whichever side opened it:
// the peer (server mode, protos.Chaincode/Connect) or we (dev mode, ChaincodeSupport/Register).

import * as grpc from '@grpc/grpc-js';
import type { ChaincodeMessage, ChaincodeMessage__Output } from '../wire/generated/protos/ChaincodeMessage.ts';
import { StreamHandler, type StreamHandlerOptions } from './stream-handler.ts';

/** What both grpc-js duplex calls (server and client side) offer the handler. */
export interface MessageCall {
    write(message: ChaincodeMessage): unknown;
    end(): void;
    on(event: string, listener: (...args: never[]) => void): unknown;
}

/**
 * Serves `call` with a new StreamHandler, wired to every way the call can end; `onClosed` is
 * called once, after the handler has closed, with the call's error if it failed. The caller starts the handler (REGISTER goes
 * out) once it has recorded it.
 */
export function serveStream(
    call: MessageCall,
    options: Omit<StreamHandlerOptions, 'connection'>,
    onClosed: (reason?: Error) => void,
): StreamHandler {
    const handler = new StreamHandler({
        ...options,
        connection: {
            send: (message) => {
                call.write(message);
            },
            end: () => {
                call.end();
            },
        },
    });
    let closed = false;
    const close = (reason?: Error & { code?: number }): void => {
        const kind = reason?.code === grpc.status.RESOURCE_EXHAUSTED ? 'message_too_large' : 'other';
        handler.close(reason, kind);
        if (!closed) {
            closed = true;
            onClosed(reason);
        }
    };
    call.on('data', (message: ChaincodeMessage__Output) => {
        handler.handle(message);
    });
    call.on('end', () => {
        close();
        call.end();
    });
    // A server-side cancel comes after 'end' and 'close', so it is counted here, not in close().
    call.on('cancelled', () => {
        options.observers?.onStreamError?.('cancelled');
        close();
    });
    call.on('error', (err: Error & { code?: number }) => {
        close(err);
    });
    call.on('close', () => {
        close();
    });
    return handler;
}
