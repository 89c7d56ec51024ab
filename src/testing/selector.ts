// SPDX-License-Identifier: Apache-2.0
//
// The small subset of CouchDB's Mango selectors the fake peer understands for rich
// queries: `{"selector": {...}}` with field equality, nested objects or dotted paths, and
// `$eq`. Anything else is refused, so a test never passes against an imagined result.

import { isDeepStrictEqual } from 'node:util';
import { PeerRequestError } from './simulation.ts';

/** Field path (dotted) → the value it must equal. */
export type Selector = ReadonlyMap<string, unknown>;

/** Parses a rich query; throws PeerRequestError for what the subset does not cover. */
export function parseSelector(query: string): Selector {
    let parsed: unknown;
    try {
        parsed = JSON.parse(query);
    } catch {
        throw new PeerRequestError(`invalid query JSON: ${query}`);
    }
    const selector = isObject(parsed) ? parsed.selector : undefined;
    if (!isObject(selector)) {
        throw new PeerRequestError('the query must be an object with a "selector" object');
    }
    const fields = new Map<string, unknown>();
    flatten(selector, '', fields);
    return fields;
}

/** True when `value` is a JSON object whose fields equal every field of the selector. */
export function matchesSelector(selector: Selector, value: Buffer | undefined): boolean {
    if (value === undefined) {
        return false;
    }
    let document: unknown;
    try {
        document = JSON.parse(value.toString('utf8'));
    } catch {
        return false; // CouchDB keeps non-JSON values as attachments: never matched by a selector
    }
    for (const [path, expected] of selector) {
        if (!isDeepStrictEqual(fieldAt(document, path), expected)) {
            return false;
        }
    }
    return true;
}

function flatten(selector: Record<string, unknown>, prefix: string, fields: Map<string, unknown>): void {
    for (const [name, condition] of Object.entries(selector)) {
        if (name.startsWith('$')) {
            throw new PeerRequestError(`the fake peer does not support the selector operator ${name}`);
        }
        const path = prefix + name;
        if (!isObject(condition)) {
            fields.set(path, condition);
            continue;
        }
        const operators = Object.keys(condition).filter((key) => key.startsWith('$'));
        if (operators.length === 0) {
            flatten(condition, `${path}.`, fields);
        } else if (operators.length === 1 && operators[0] === '$eq' && Object.keys(condition).length === 1) {
            fields.set(path, condition.$eq);
        } else {
            throw new PeerRequestError(`the fake peer supports only equality and $eq, not ${operators.join(', ')}`);
        }
    }
}

function fieldAt(document: unknown, path: string): unknown {
    let current = document;
    for (const part of path.split('.')) {
        if (!isObject(current) || !Object.hasOwn(current, part)) {
            return undefined;
        }
        current = current[part];
    }
    return current;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
