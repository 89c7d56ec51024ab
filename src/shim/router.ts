// SPDX-License-Identifier: Apache-2.0
//
// A small function router: args[0] names the function, the rest are its parameters. The
// list of known names is what a metrics label may use (everything else is "other").

import { error, success } from './response.ts';
import type { Chaincode, ChaincodeResponse, ChaincodeStub } from './types.ts';

/** One chaincode function: gets the stub and the parameters after the function name. */
export type ChaincodeFunction = (
    stub: ChaincodeStub,
    params: string[],
) => Promise<ChaincodeResponse> | ChaincodeResponse;

/** A Chaincode that also says which function names it answers. */
export interface RoutedChaincode extends Chaincode {
    /** The function names Invoke knows, in declaration order. */
    readonly functionNames: readonly string[];
}

export interface RouterOptions {
    /** What Init runs; a plain success() when omitted. */
    readonly init?: ChaincodeFunction;
}

/**
 * Routes Invoke to `functions[args[0]]`. An unknown name gets a 500 response listing the
 * known ones; a function that throws becomes a 500 with its message (the server does that).
 */
export class Router implements RoutedChaincode {
    readonly functionNames: readonly string[];
    readonly #functions: ReadonlyMap<string, ChaincodeFunction>;
    readonly #init: ChaincodeFunction | undefined;

    constructor(functions: Readonly<Record<string, ChaincodeFunction>>, options: RouterOptions = {}) {
        // A Map, not the object itself: a client-chosen name like "constructor" must not reach Object.prototype.
        this.#functions = new Map(Object.entries(functions));
        this.functionNames = Object.freeze([...this.#functions.keys()]);
        this.#init = options.init;
    }

    Init(stub: ChaincodeStub): Promise<ChaincodeResponse> | ChaincodeResponse {
        if (this.#init === undefined) {
            return success();
        }
        return this.#init(stub, stub.getFunctionAndParameters().params);
    }

    Invoke(stub: ChaincodeStub): Promise<ChaincodeResponse> | ChaincodeResponse {
        const { fcn, params } = stub.getFunctionAndParameters();
        const fn = this.#functions.get(fcn);
        if (fn === undefined) {
            return error(`unknown function "${fcn}"; known functions: ${this.functionNames.join(', ')}`);
        }
        return fn(stub, params);
    }
}
