// SPDX-License-Identifier: Apache-2.0
//
// One call for a chaincode test: serve the chaincode on 127.0.0.1:0 with a silent logger
// and connect a fake peer to it over real gRPC.

import type { Chaincode } from '../shim/types.ts';
import type { FakePeer } from './fake-peer.ts';
import type { FakePeerOptions } from './fake-peer-options.ts';
import { serveChaincode, type ChaincodeEndpoint } from './serve-chaincode.ts';

/** A served chaincode and the fake peer connected to it. */
export interface ChaincodeHarness {
    readonly peer: FakePeer;
    readonly server: ChaincodeEndpoint;
    /** Closes the peer and stops the server; pass it to `t.after`. */
    readonly close: () => void;
}

/** Serves `chaincode` and connects a fake peer (options as for `new FakePeer`). */
export async function startChaincode(chaincode: Chaincode, options: FakePeerOptions = {}): Promise<ChaincodeHarness> {
    const served = await serveChaincode(chaincode);
    try {
        const peer = await served.connectPeer(options);
        return { peer, server: served.server, close: served.close };
    } catch (err) {
        served.close();
        throw err;
    }
}
