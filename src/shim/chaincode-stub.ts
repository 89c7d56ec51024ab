// SPDX-License-Identifier: Apache-2.0
//
// fabric-shim's `ChaincodeStub` as a class at run time: the class of every stub Init and
// Invoke receive, so `stub instanceof ChaincodeStub` holds and unit tests written with
// `sinon.createStubInstance(ChaincodeStub)` port unchanged. As a type it is the interface.

import { RESPONSE_CODE } from './response.ts';
import { Stub } from './stub.ts';
import type { StubInput } from './proposal-stub.ts';
import type { ChaincodeStub as ChaincodeStubApi } from './types.ts';

/** The stub class: constructed by the server for each transaction (tests stub its prototype). */
export const ChaincodeStub: {
    readonly prototype: ChaincodeStubApi;
    readonly RESPONSE_CODE: typeof RESPONSE_CODE;
    new (input: StubInput): ChaincodeStubApi;
} = Object.assign(Stub, { RESPONSE_CODE });
export type ChaincodeStub = ChaincodeStubApi;
