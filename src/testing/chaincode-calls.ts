// SPDX-License-Identifier: Apache-2.0
//
// How the fake peer answers INVOKE_CHAINCODE: the name parsed as the peer does
// (`name[:version][/channel]`), the test's handler plays the callee, and the RESPONSE
// payload is the callee's final ChaincodeMessage, marshalled.

import type { ChaincodeMessage__Output } from '../wire/generated/protos/ChaincodeMessage.ts';
import { chaincodeMessageCodec } from '../wire/protos.ts';
import { chaincodeSpecCodec, responseCodec } from '../wire/codecs.ts';
import type { InvokeChaincodeHandler, InvokeChaincodeResult } from './fake-peer-options.ts';
import { PeerRequestError } from './simulation.ts';

/** Answers INVOKE_CHAINCODE through the test's handler; throws PeerRequestError as the peer fails it. */
export async function serveInvokeChaincode(
    request: ChaincodeMessage__Output,
    handler: InvokeChaincodeHandler | undefined,
): Promise<Buffer> {
    const spec = chaincodeSpecCodec.decode(request.payload);
    const { name, channel } = parseTarget(spec.chaincode_id?.name ?? '', request.channel_id);
    if (handler === undefined) {
        throw new PeerRequestError(`chaincode ${name} not found on channel ${channel}`);
    }
    let result: InvokeChaincodeResult;
    try {
        result = await handler(name, channel, spec.input?.args ?? []);
    } catch (err) {
        throw new PeerRequestError(err instanceof Error ? err.message : String(err));
    }
    return Buffer.from(
        chaincodeMessageCodec.encode({ ...calleeAnswer(result), txid: request.txid, channel_id: channel }),
    );
}

/** `name[:version][/channel]` as the peer reads it: the version ignored, the caller's channel by default. */
function parseTarget(target: string, callerChannel: string): { name: string; channel: string } {
    const slash = target.indexOf('/');
    const channel = slash >= 0 ? target.slice(slash + 1) : callerChannel;
    const name = (slash >= 0 ? target.slice(0, slash) : target).split(':')[0] ?? '';
    return { name, channel };
}

/** The callee's final message: ERROR with its text, or COMPLETED with its Response. */
function calleeAnswer(result: InvokeChaincodeResult): { type: 'ERROR' | 'COMPLETED'; payload: Uint8Array } {
    if ('error' in result) {
        return { type: 'ERROR', payload: Buffer.from(result.error, 'utf8') };
    }
    return {
        type: 'COMPLETED',
        payload: responseCodec.encode({
            status: result.status,
            message: result.message ?? '',
            payload: typeof result.payload === 'string' ? Buffer.from(result.payload) : result.payload,
        }),
    };
}
