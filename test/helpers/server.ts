// SPDX-License-Identifier: Apache-2.0
//
// The test kit's serveChaincode for one test: everything it starts is closed when the test ends.

import type { TestContext } from 'node:test';
import type { Chaincode } from '../../src/shim/types.ts';
import { serveChaincode, type ServeMode, type ServeOptions, type ServedChaincode } from '../../src/testing/index.ts';

export const MODES: readonly ServeMode[] = ['server', 'client'];

/** Serves `chaincode` (server mode unless `options.mode` says 'client') until the test ends. */
export async function startServer(
    t: TestContext,
    chaincode: Chaincode,
    options: ServeOptions = {},
): Promise<ServedChaincode> {
    const served = await serveChaincode(chaincode, options);
    t.after(served.close);
    return served;
}

/** A promise with its resolve handle, for gating chaincode steps from a test. */
export function gate<T = void>(): { promise: Promise<T>; open: (value: T) => void } {
    let open!: (value: T) => void;
    const promise = new Promise<T>((resolve) => {
        open = resolve;
    });
    return { promise, open };
}
