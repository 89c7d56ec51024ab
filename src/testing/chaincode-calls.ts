// SPDX-License-Identifier: Apache-2.0
//
// How the fake peer answers INVOKE_CHAINCODE: the name parsed as the peer does
// (`name[:version][/channel]`), the test's handler plays the callee, and the RESPONSE
// payload is the callee's final ChaincodeMessage, marshalled.

import type { ChaincodeMessage__Output } from '../wire/generated/protos/ChaincodeMessage.ts';
import { chaincodeMessageCodec } from '../wire/protos.ts';
import { chaincodeSpecCodec, responseCodec } from '../wire/codecs.ts';
import type { InvokeChaincodeHandler } from './fake-peer-options.ts';
import { PeerRequestError } from './simulation.ts';

export async function serveInvokeChaincode(
    request: ChaincodeMessage__Output,
    handler: InvokeChaincodeHandler | undefined,
): Promise<Buffer> {
    const spec = chaincodeSpecCodec.decode(request.payload);
    const target = spec.chaincode_id?.name ?? '';
    const slash = target.indexOf('/');
    const channel = slash >= 0 ? target.slice(slash + 1) : request.channel_id;
    // Anything after ':' is a version, which the peer ignores.
    const name = (slash >= 0 ? target.slice(0, slash) : target).split(':')[0] ?? '';
    if (handler === undefined) {
        throw new PeerRequestError(`chaincode ${name} not found on channel ${channel}`);
    }
    let result;
    try {
        result = await handler(name, channel, spec.input?.args ?? []);
    } catch (err) {
        throw new PeerRequestError(err instanceof Error ? err.message : String(err));
    }
    const callee =
        'error' in result
            ? { type: 'ERROR' as const, payload: Buffer.from(result.error, 'utf8') }
            : {
                  type: 'COMPLETED' as const,
                  payload: responseCodec.encode({
                      status: result.status,
                      message: result.message ?? '',
                      payload: typeof result.payload === 'string' ? Buffer.from(result.payload) : result.payload,
                  }),
              };
    return Buffer.from(chaincodeMessageCodec.encode({ ...callee, txid: request.txid, channel_id: channel }));
}
