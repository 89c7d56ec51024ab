// SPDX-License-Identifier: Apache-2.0
//
// One gRPC stream of ChaincodeMessages served by a StreamHandler, whichever side opened it:
// the peer (server mode, protos.Chaincode/Connect) or we (dev mode, ChaincodeSupport/Register).
// Frames from the peer arrive as raw bytes and are decoded here, so a frame that does not
// decode is answered and ends its own stream with a status, in step with the handler's writes.

import * as grpc from '@grpc/grpc-js';
import type { ChaincodeMessage, ChaincodeMessage__Output } from '../wire/generated/protos/ChaincodeMessage.ts';
import { messageSerde } from '../wire/protos.ts';
import { errorMessage } from './errors.ts';
import { StreamHandler, type StreamHandlerOptions } from './stream-handler.ts';

/** What both grpc-js duplex calls (server and client side) offer the handler. */
export interface MessageCall {
    write(message: ChaincodeMessage): unknown;
    end(): void;
    on(event: string, listener: (...args: never[]) => void): unknown;
}

/** What the server and the dialer hand every stream's handler from their own options. */
export type HandlerSettings = Pick<
    StreamHandlerOptions,
    'chaincodeId' | 'chaincode' | 'mspId' | 'executeTimeoutMs' | 'observers'
>;

/** The handler settings out of a server's or dialer's options (which hold more). */
export function handlerSettings(options: HandlerSettings): HandlerSettings {
    const { chaincodeId, chaincode, mspId, executeTimeoutMs, observers } = options;
    return { chaincodeId, chaincode, mspId, executeTimeoutMs, observers };
}

/**
 * Ends the call with an error status, after what was written before: the server side sends the
 * status to the peer; the dialling side half-closes and cancels.
 */
export type FailCall = (code: grpc.status, details: string) => void;

const decode = messageSerde.deserialize;

/**
 * Serves `call` with a new StreamHandler, wired to every way the call can end; `onClosed` is
 * called once, after the handler has closed, with the call's error if it failed. The caller
 * starts the handler (REGISTER goes out) once it has recorded it.
 */
export function serveStream(
    call: MessageCall,
    fail: FailCall,
    options: Omit<StreamHandlerOptions, 'connection'>,
    onClosed: (reason?: Error) => void,
): StreamHandler {
    // Set once we end the call on our own initiative (drain, protocol error, undecodable frame):
    // grpc-js reports 'cancelled' after every status it sends, which is then no cancel of the peer's.
    let ended = false;
    const end = (): void => {
        ended = true;
        call.end();
    };
    const handler = new StreamHandler({
        ...options,
        connection: {
            send: (message) => {
                call.write(message);
            },
            end,
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
    const refused = (details: string): void => {
        ended = true;
        fail(grpc.status.INVALID_ARGUMENT, details);
    };
    call.on('data', frameReader(handler, refused));
    call.on('end', () => {
        close();
        call.end();
    });
    // A server-side cancel comes after 'end' and 'close', so it is counted here, not in close().
    call.on('cancelled', () => {
        if (!ended) {
            options.observers?.onStreamError?.('cancelled');
        }
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

/**
 * The 'data' listener: decodes each frame and hands it to the handler. A frame that does not
 * decode is refused by the handler, and `refused` ends the call unless the handler had closed.
 */
function frameReader(handler: StreamHandler, refused: (details: string) => void): (bytes: Buffer) => void {
    return (bytes) => {
        let message: ChaincodeMessage__Output;
        try {
            message = decode(bytes);
        } catch (err) {
            const details = `a frame from the peer did not decode as a ChaincodeMessage: ${errorMessage(err)}`;
            if (handler.refuseFrame(details)) {
                refused(details);
            }
            return;
        }
        handler.handle(message);
    };
}
