// SPDX-License-Identifier: Apache-2.0
//
// One call for a chaincode test: serve the chaincode on 127.0.0.1:0 with a silent logger
// and connect a fake peer to it over real gRPC.

import pino from 'pino';
import { ChaincodeServer } from '../shim/chaincode-server.ts';
import type { Chaincode } from '../shim/types.ts';
import { FakePeer } from './fake-peer.ts';
import type { FakePeerOptions } from './fake-peer-options.ts';

/** A served chaincode and the fake peer connected to it. */
export interface ChaincodeHarness {
    readonly peer: FakePeer;
    readonly server: ChaincodeServer;
    /** Closes the peer and stops the server; pass it to `t.after`. */
    readonly close: () => void;
}

const TEST_PACKAGE_ID = 'test_1.0:0000000000000000000000000000000000000000000000000000000000000000';

/** Serves `chaincode` and connects a fake peer (options as for `new FakePeer`). */
export async function startChaincode(chaincode: Chaincode, options: FakePeerOptions = {}): Promise<ChaincodeHarness> {
    const server = new ChaincodeServer({
        chaincodeId: TEST_PACKAGE_ID,
        chaincode,
        address: '127.0.0.1:0',
        logger: pino({ level: 'silent' }),
    });
    const port = await server.start();
    const peer = new FakePeer({ chaincodeId: TEST_PACKAGE_ID, ...options });
    const close = (): void => {
        peer.close();
        server.forceClose();
    };
    try {
        await peer.connect(`127.0.0.1:${port}`);
    } catch (err) {
        close();
        throw err;
    }
    return { peer, server, close };
}
