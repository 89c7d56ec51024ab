// SPDX-License-Identifier: Apache-2.0
//
// The chaincode a program handed to `Shim.start()`: served by the process in place of the
// one the chaincode.module setting names.

import type { RoutedChaincode } from '../shim/router.ts';
import type { Chaincode } from '../shim/types.ts';

let started: RoutedChaincode | undefined;

/** Records `chaincode` as the one to serve (Shim.start, before it starts the process). */
export function startWith(chaincode: Chaincode): void {
    if (started !== undefined) {
        throw new Error('Shim.start was called twice: one process serves one chaincode');
    }
    started = {
        Init: (stub) => chaincode.Init(stub),
        Invoke: (stub) => chaincode.Invoke(stub),
        functionNames: [],
    };
}

/** The chaincode Shim.start was given, if any. */
export function startedChaincode(): RoutedChaincode | undefined {
    return started;
}
