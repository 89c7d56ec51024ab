// SPDX-License-Identifier: Apache-2.0
//
// Turns what a transaction function returned into the response payload, byte for byte as
// fabric-contract-api's JSONSerializer does under fabric-shim.

const EMPTY = new Uint8Array(0);

/**
 * class-transformer's classToPlain, which fabric-shim runs before JSON.stringify, turns Maps
 * into objects and Sets into arrays; JSON.stringify alone would write `{}` for both.
 */
function plain(_key: string, value: unknown): unknown {
    if (value instanceof Map) {
        return Object.fromEntries(value);
    }
    if (value instanceof Set) {
        return [...value];
    }
    return value;
}

/**
 * The payload for a transaction's return value: nothing for undefined or null; strings,
 * numbers and booleans as their text; anything else as JSON. A Buffer is JSON too
 * (`{"type":"Buffer","data":[...]}`), as fabric-shim sends it — return a string to send text.
 * fabric-shim ignores `@Returns` when serialising, and so does this.
 */
export function serializeResult(result: unknown): Uint8Array {
    if (result === undefined || result === null) {
        return EMPTY;
    }
    if (typeof result === 'string' || typeof result === 'number' || typeof result === 'boolean') {
        return Buffer.from(String(result), 'utf8');
    }
    const json = JSON.stringify(result, plain) as string | undefined;
    return json === undefined ? EMPTY : Buffer.from(json, 'utf8');
}
