// SPDX-License-Identifier: Apache-2.0
//
// The checks the stub makes before a request leaves, each deciding success as fabric-shim
// 2.5.8 does (what it lets through reaches the peer, which decides), with clearer messages.

import { InvalidArgumentError } from './errors.ts';
import type { PageRequest } from './ledger-client.ts';

function describe(value: unknown): string {
    if (value === null) {
        return 'null';
    }
    return Array.isArray(value) ? 'an array' : typeof value;
}

/**
 * A public-state key: any string, the empty one included, as fabric-shim sends it (the peer
 * then decides: LevelDB stores '', CouchDB refuses it). A non-string is refused here.
 */
export function requireKey(key: unknown, method: string): asserts key is string {
    if (typeof key !== 'string') {
        throw new InvalidArgumentError(`${method}: the key must be a string; got ${describe(key)}`);
    }
}

/** Both shims refuse an empty collection in the private-data calls before sending anything. */
export function requireCollection(collection: unknown, method: string): asserts collection is string {
    if (typeof collection !== 'string' || collection === '') {
        throw new InvalidArgumentError(`${method}: collection must be a non-empty string`);
    }
}

/** A private-data key: fabric-shim refuses an empty one there. */
export function requirePrivateKey(collection: unknown, key: unknown, method: string): void {
    requireCollection(collection, method);
    if (typeof key !== 'string' || key === '') {
        throw new InvalidArgumentError(`${method}: key must be a non-empty string`);
    }
}

export function requireQuery(query: unknown, method: string): string {
    if (typeof query !== 'string' || query === '') {
        throw new InvalidArgumentError(`${method}: query must be a non-empty string`);
    }
    return query;
}

/**
 * The bytes of a value a write call was handed: bytes as they are, a string as UTF-8.
 * Anything else (an object, a number, undefined) is refused with nothing sent: fabric-shim's
 * protobuf encoder refuses most of them, and an empty value would be recorded as a delete.
 */
export function writeValue(value: unknown, method: string, what = 'the value'): Uint8Array {
    if (value instanceof Uint8Array) {
        return value;
    }
    if (typeof value === 'string') {
        return Buffer.from(value, 'utf8');
    }
    throw new InvalidArgumentError(
        `${method}: ${what} must be bytes (a Buffer or Uint8Array) or a string; got ${describe(value)}`,
    );
}

/** putPrivateData's value: fabric-shim also refuses an empty string there. */
export function privateWriteValue(value: unknown, method: string): Uint8Array {
    if (value === '') {
        throw new InvalidArgumentError(`${method}: the value must not be an empty string`);
    }
    return writeValue(value, method);
}

/** An event payload: as a write value, and nothing (an empty payload) as fabric-shim allows. */
export function eventPayload(value: unknown): Uint8Array {
    return value === undefined || value === null ? Buffer.alloc(0) : writeValue(value, 'setEvent', 'the payload');
}

const INT32_LIMIT = 2 ** 31;

/**
 * A page request as fabric-shim encodes it: the page size as protobuf's int32 encoder reads
 * it (numeric text such as '3' or ' 2 ' is a number, '' and a missing one are 0, which the
 * peer reads as "not paginated"; anything that is not an integer is refused), and a missing
 * or non-string bookmark as ''.
 */
export function pageRequest(method: string, pageSize: unknown, bookmark: unknown): PageRequest {
    const size = pageSize === undefined || pageSize === null ? 0 : Number(pageSize);
    if (!Number.isInteger(size) || size < -INT32_LIMIT || size >= INT32_LIMIT) {
        throw new InvalidArgumentError(
            `${method}: pageSize must be an integer (a number or numeric text); got ${typeof pageSize === 'string' ? JSON.stringify(pageSize) : String(pageSize)}`,
        );
    }
    return { pageSize: size, bookmark: typeof bookmark === 'string' ? bookmark : '' };
}
