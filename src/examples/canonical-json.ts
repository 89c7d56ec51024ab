// SPDX-License-Identifier: Apache-2.0
//
// JSON with object keys in sorted order at every level, so every endorser writes the same
// bytes for the same value (JSON.stringify follows insertion order, which code can vary).

/** JSON.stringify with object keys sorted; arrays keep their order. */
export function canonicalJson(value: unknown): string {
    return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(sortKeys);
    }
    if (typeof value !== 'object' || value === null) {
        return value;
    }
    const sorted: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
        sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
    }
    return sorted;
}
