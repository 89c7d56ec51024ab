// SPDX-License-Identifier: Apache-2.0
//
// Which writes a write batch may hold without changing the outcome: one the peer could refuse
// must go at once, so the refusal reaches the call that made it, as without batching.

/** A lone UTF-16 surrogate: such a key is not valid UTF-8 on the wire, which the peer refuses. */
const LONE_SURROGATE = /\p{Cs}/u;

/** CouchDB's reserved field names in a JSON value, beyond those starting with '_'. */
const RESERVED_FIELDS = new Set(['~version']);

/** True when `value` is a JSON object with a field CouchDB reserves; parsed only when its bytes could hold one. */
function reservedJsonFields(value: Uint8Array): boolean {
    let start = 0;
    while (
        start < value.length &&
        (value[start] === 0x20 || value[start] === 0x0a || value[start] === 0x0d || value[start] === 0x09)
    ) {
        start++;
    }
    if (value[start] !== 0x7b) {
        return false; // not a JSON object: CouchDB stores it as an attachment, unchecked
    }
    const bytes = Buffer.from(value.buffer, value.byteOffset, value.byteLength);
    if (bytes.includes('"_') || bytes.includes('"~version"') || bytes.includes('\\u')) {
        return parseForReservedFields(bytes);
    }
    return false; // no field name can start with '_' or be ~version: nothing to parse
}

/** The exact check: a JSON object with a top-level field starting with '_' or named ~version. */
function parseForReservedFields(bytes: Buffer): boolean {
    let parsed: unknown;
    try {
        parsed = JSON.parse(bytes.toString('utf8'));
    } catch {
        return false;
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
        return false;
    }
    return Object.keys(parsed).some((field) => field.startsWith('_') || RESERVED_FIELDS.has(field));
}

/**
 * True when a peer could refuse this public-state write depending on its state database: an
 * empty key, a key starting with '_' or not valid UTF-8 (CouchDB refuses these), or a JSON
 * value with fields CouchDB reserves. Such writes are sent at once, never batched.
 */
export function peerMayRefuse(key: string, value?: Uint8Array): boolean {
    if (key === '' || key.startsWith('_') || LONE_SURROGATE.test(key)) {
        return true;
    }
    return value !== undefined && reservedJsonFields(value);
}
