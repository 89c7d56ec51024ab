// SPDX-License-Identifier: Apache-2.0
//
// Composite keys and the key checks that happen before a request leaves: the U+0000
// namespace, the partial-key range, and the rules for simple-key ranges.

import { InvalidArgumentError } from './errors.ts';
import type { SplitCompositeKey } from './types.ts';

/** Starts every composite key and follows every one of its components. */
export const COMPOSITE_KEY_NAMESPACE = '\u0000';
/** The largest code point; a partial composite key range ends at its prefix followed by this. */
export const MAX_UNICODE_RUNE = '\u{10FFFF}';
/** What an empty range start key becomes, so the range skips composite keys (both shims do this). */
export const EMPTY_START_KEY = '\u0001';

/**
 * Builds `U+0000 objectType U+0000 attr1 U+0000 … attrN U+0000` — the same bytes as the Go
 * shim and fabric-shim. As in fabric-shim, the object type and every attribute must be a
 * non-empty string, and nothing else is checked.
 */
export function createCompositeKey(objectType: string, attributes: readonly string[]): string {
    checkComponent(objectType, 'objectType');
    if (!Array.isArray(attributes)) {
        throw new InvalidArgumentError('createCompositeKey: attributes must be an array of strings');
    }
    let key = COMPOSITE_KEY_NAMESPACE + objectType + COMPOSITE_KEY_NAMESPACE;
    for (const attribute of attributes) {
        checkComponent(attribute, 'every attribute');
        key += attribute + COMPOSITE_KEY_NAMESPACE;
    }
    return key;
}

/**
 * Takes a composite key apart exactly as fabric-shim does: the first component after the
 * leading U+0000 is the object type, the ones between it and the last U+0000 the attributes.
 * A key outside the composite namespace gives `{ objectType: null, attributes: [] }` (typed
 * as fabric-shim types it).
 */
export function splitCompositeKey(compositeKey: string): SplitCompositeKey {
    if (
        typeof compositeKey !== 'string' ||
        compositeKey.length < 2 ||
        !compositeKey.startsWith(COMPOSITE_KEY_NAMESPACE)
    ) {
        return { objectType: null as unknown as string, attributes: [] };
    }
    const parts = compositeKey.slice(1).split(COMPOSITE_KEY_NAMESPACE);
    const objectType = parts[0] ?? '';
    parts.pop();
    return { objectType, attributes: parts.length > 1 ? parts.slice(1) : [] };
}

/** The [start, end) range covering every composite key that begins with these components. */
export function partialCompositeKeyRange(
    objectType: string,
    attributes: readonly string[],
): { startKey: string; endKey: string } {
    const startKey = createCompositeKey(objectType, attributes);
    return { startKey, endKey: startKey + MAX_UNICODE_RUNE };
}

/**
 * Checks a simple-key range as fabric-shim does: an empty (or missing) start key becomes
 * U+0001, so the range skips composite keys; a key starting with U+0000 is refused, since that
 * is the composite-key namespace, reached through the partial-key methods.
 */
export function simpleKeyRange(
    method: string,
    startKey: unknown,
    endKey: unknown,
): { startKey: string; endKey: string } {
    const start = startKey === undefined || startKey === null || startKey === '' ? EMPTY_START_KEY : startKey;
    const end = endKey === undefined || endKey === null ? '' : endKey;
    if (typeof start !== 'string' || typeof end !== 'string') {
        throw new InvalidArgumentError(`${method}: startKey and endKey must be strings`);
    }
    for (const key of [start, end]) {
        if (key.startsWith(COMPOSITE_KEY_NAMESPACE)) {
            throw new InvalidArgumentError(
                `${method}: the first character of the key "${key.slice(1)}" is U+0000, which is reserved for composite keys`,
            );
        }
    }
    return { startKey: start, endKey: end };
}

function checkComponent(component: unknown, what: string): asserts component is string {
    if (typeof component !== 'string' || component === '') {
        throw new InvalidArgumentError(`createCompositeKey: ${what} must be a non-empty string`);
    }
}
