// SPDX-License-Identifier: Apache-2.0
//
// How the fake peer dials a chaincode server: protos.Chaincode/Connect over plaintext, TLS
// or mutual TLS, with the peer's own 100 MiB message limits.

import * as grpc from '@grpc/grpc-js';
import type { ChaincodeMessage, ChaincodeMessage__Output } from '../wire/generated/protos/ChaincodeMessage.ts';
import { PEER_MESSAGE_LIMIT } from '../wire/limits.ts';
import { chaincodeService } from '../wire/protos.ts';
import { toBuffer, type DialTls } from './fake-peer-options.ts';

/** A client for `address` and the Connect stream opened on it. */
export function dialConnect(
    address: string,
    tls?: DialTls,
): { client: grpc.Client; stream: grpc.ClientDuplexStream<ChaincodeMessage, ChaincodeMessage__Output> } {
    const credentials = tls
        ? grpc.credentials.createSsl(toBuffer(tls.rootCert), toBuffer(tls.clientKey), toBuffer(tls.clientCert))
        : grpc.credentials.createInsecure();
    const client = new grpc.Client(address, credentials, {
        'grpc.max_receive_message_length': PEER_MESSAGE_LIMIT,
        'grpc.max_send_message_length': PEER_MESSAGE_LIMIT,
    });
    const method = chaincodeService.Connect;
    if (method === undefined) {
        throw new Error('protos.Chaincode has no Connect method');
    }
    const stream = client.makeBidiStreamRequest<ChaincodeMessage, ChaincodeMessage__Output>(
        method.path,
        method.requestSerialize,
        method.responseDeserialize,
    );
    return { client, stream };
}
