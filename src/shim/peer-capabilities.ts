// SPDX-License-Identifier: Apache-2.0
//
// What a peer said it understands in READY: Fabric 3.1+ advertises write batches and
// multi-key reads in ChaincodeAdditionalParams; older peers send READY empty.

import { additionalParamsCodec } from '../wire/codecs.ts';

/** The batch types the chaincode may send on this stream, and how large. */
export interface PeerCapabilities {
    readonly writeBatch: boolean;
    readonly maxWriteBatchSize: number;
    readonly getMultipleKeys: boolean;
    readonly maxGetMultipleKeys: number;
}

export const NO_CAPABILITIES: PeerCapabilities = {
    writeBatch: false,
    maxWriteBatchSize: 0,
    getMultipleKeys: false,
    maxGetMultipleKeys: 0,
};

/**
 * The smallest batch we send. The peer does not enforce its advertised sizes; the Go shim
 * raises an advertised size below 100 (0 included) to 100 (fabric-chaincode-go shim/handler.go
 * handleEstablished), and so do we.
 */
export const MIN_BATCH_SIZE = 100;

/** READY's payload: empty before Fabric 3.1, ChaincodeAdditionalParams after; garbage means none. */
export function parseCapabilities(payload: Buffer): PeerCapabilities {
    if (payload.length === 0) {
        return NO_CAPABILITIES;
    }
    try {
        const params = additionalParamsCodec.decode(payload);
        return {
            writeBatch: params.use_write_batch,
            maxWriteBatchSize: Math.max(params.max_size_write_batch, MIN_BATCH_SIZE),
            getMultipleKeys: params.use_get_multiple_keys,
            maxGetMultipleKeys: Math.max(params.max_size_get_multiple_keys, MIN_BATCH_SIZE),
        };
    } catch {
        return NO_CAPABILITIES;
    }
}
