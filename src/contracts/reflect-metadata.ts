// SPDX-License-Identifier: Apache-2.0
//
// Reads what fabric-contract-api's decorators recorded with reflect-metadata. Every value is
// `unknown` here: the callers check its shape before using it.

// Loading fabric-contract-api loads reflect-metadata, which installs Reflect.getMetadata.
import 'fabric-contract-api';

type GetMetadata = (key: string, target: object, property?: string | symbol) => unknown;

/** Where fabric-contract-api keeps process-wide metadata (`fabric:default`, `fabric:info`, `fabric:objects`). */
const GLOBAL_TARGET: object = globalThis;

function getMetadataFunction(): GetMetadata {
    const candidate: unknown = (Reflect as unknown as Record<string, unknown>).getMetadata;
    if (typeof candidate !== 'function') {
        throw new Error('Reflect.getMetadata is missing: fabric-contract-api did not load reflect-metadata');
    }
    return candidate as GetMetadata;
}

/** The metadata stored under `key` on `target` (or its property), searching the prototype chain. */
export function readMetadata(key: string, target: object, property?: string): unknown {
    const getMetadata = getMetadataFunction();
    return property === undefined ? getMetadata(key, target) : getMetadata(key, target, property);
}

/** The process-wide metadata stored under `key` by `@Default`, `@Info` and `@Object`. */
export function readGlobalMetadata(key: string): unknown {
    return readMetadata(key, GLOBAL_TARGET);
}

/** `value` as a plain record when it is a non-array object, else undefined. */
export function asRecord(value: unknown): Readonly<Record<string, unknown>> | undefined {
    return typeof value === 'object' && value !== null && !Array.isArray(value)
        ? (value as Record<string, unknown>)
        : undefined;
}
