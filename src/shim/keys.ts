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
 * shim and fabric-shim. The object type must be non-empty; no component may contain U+0000
 * or U+10FFFF (the Go shim's rule: they would break splitting and partial-key ranges).
 */
export function createCompositeKey(objectType: string, attributes: readonly string[]): string {
    if (typeof objectType !== 'string' || objectType === '') {
        throw new InvalidArgumentError('createCompositeKey: objectType must be a non-empty string');
    }
    if (!Array.isArray(attributes)) {
        throw new InvalidArgumentError('createCompositeKey: attributes must be an array of strings');
    }
    checkComponent(objectType);
    let key = COMPOSITE_KEY_NAMESPACE + objectType + COMPOSITE_KEY_NAMESPACE;
    for (const attribute of attributes) {
        checkComponent(attribute);
        key += attribute + COMPOSITE_KEY_NAMESPACE;
    }
    return key;
}

/** Takes a key made by {@link createCompositeKey} apart; throws on a key outside the composite namespace. */
export function splitCompositeKey(compositeKey: string): SplitCompositeKey {
    if (
        typeof compositeKey !== 'string' ||
        compositeKey.length < 2 ||
        !compositeKey.startsWith(COMPOSITE_KEY_NAMESPACE) ||
        !compositeKey.endsWith(COMPOSITE_KEY_NAMESPACE)
    ) {
        throw new InvalidArgumentError('splitCompositeKey: not a composite key (it must start and end with U+0000)');
    }
    const [objectType = '', ...attributes] = compositeKey.slice(1, -1).split(COMPOSITE_KEY_NAMESPACE);
    return { objectType, attributes };
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
 * Checks a simple-key range and fills in the empty start key. A key starting with U+0000 is
 * rejected: that is the composite-key namespace, reached through the partial-key methods.
 */
export function simpleKeyRange(method: string, startKey: string, endKey: string): { startKey: string; endKey: string } {
    if (typeof startKey !== 'string' || typeof endKey !== 'string') {
        throw new InvalidArgumentError(`${method}: startKey and endKey must be strings`);
    }
    for (const key of [startKey, endKey]) {
        if (key.startsWith(COMPOSITE_KEY_NAMESPACE)) {
            throw new InvalidArgumentError(
                `${method}: the first character of the key "${key.slice(1)}" is U+0000, which is reserved for composite keys`,
            );
        }
    }
    return { startKey: startKey === '' ? EMPTY_START_KEY : startKey, endKey };
}

function checkComponent(component: unknown): asserts component is string {
    if (typeof component !== 'string') {
        throw new InvalidArgumentError('createCompositeKey: every attribute must be a string');
    }
    if (component.includes(COMPOSITE_KEY_NAMESPACE) || component.includes(MAX_UNICODE_RUNE)) {
        throw new InvalidArgumentError(
            `createCompositeKey: "${component.replaceAll(COMPOSITE_KEY_NAMESPACE, '\\u0000')}" contains U+0000 or U+10FFFF, which are not allowed`,
        );
    }
}
