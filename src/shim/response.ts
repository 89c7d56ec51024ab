// SPDX-License-Identifier: Apache-2.0
//
// Response helpers shaped like fabric-shim's `Shim.success`/`Shim.error`, so a
// fabric-shim chaincode ports by changing its imports.

import type { ChaincodeResponse, ErrorResponse, SuccessResponse } from './types.ts';

/** Status codes shared by the peer and both official shims. */
export const RESPONSE_CODE = { OK: 200, ERRORTHRESHOLD: 400, ERROR: 500 } as const;

const EMPTY = new Uint8Array(0);

/** A 200 response carrying `payload` (empty when omitted). */
export function success(payload: Uint8Array = EMPTY): SuccessResponse {
    return { status: RESPONSE_CODE.OK, message: '', payload };
}

/** A 500 response carrying `message`; the endorser will not sign it. */
export function error(message: string, payload: Uint8Array = EMPTY): ErrorResponse {
    return { status: RESPONSE_CODE.ERROR, message, payload };
}

/**
 * Turns whatever user code returned into a response the Gateway accepts: a missing or
 * sub-200 status becomes 500 (fabric-shim does the same for a missing status).
 */
export function normaliseResponse(value: unknown, fn: 'Init' | 'Invoke'): Required<ChaincodeResponse> {
    if (typeof value !== 'object' || value === null) {
        return {
            status: RESPONSE_CODE.ERROR,
            message: `${fn} returned no response: return success() or error()`,
            payload: EMPTY,
        };
    }
    const { status, message, payload } = value as Partial<ChaincodeResponse>;
    if (typeof status !== 'number' || !Number.isInteger(status) || status < RESPONSE_CODE.OK) {
        return {
            status: RESPONSE_CODE.ERROR,
            message: `${fn} returned status ${String(status)}: return success() or error()`,
            payload: EMPTY,
        };
    }
    return {
        status,
        message: typeof message === 'string' ? message : '',
        payload: payload instanceof Uint8Array ? payload : EMPTY,
    };
}
