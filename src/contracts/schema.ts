// SPDX-License-Identifier: Apache-2.0
//
// Checks JSON values against the small JSON Schema subset fabric-contract-api's decorators
// write: primitive types, arrays, maps, `@Object` types by `$ref`, and `allOf` for subclasses.

import { asRecord } from './reflect-metadata.ts';

/** A JSON Schema fragment as the decorators recorded it; fields are checked where they are read. */
export type Schema = Readonly<Record<string, unknown>>;

/** One `@Object` type: its schema, and the class `@Object` was applied to (to build instances). */
export interface ComponentType {
    readonly schema: Schema;
    readonly create: (() => object) | undefined;
}

/** The `@Object` types by name, as `fabric:objects` holds them. */
export type Components = ReadonlyMap<string, ComponentType>;

/** The name a `$ref` points at: `#/components/schemas/Asset` and `Asset` both name `Asset`. */
export function refName(ref: string): string {
    return ref.slice(ref.lastIndexOf('/') + 1);
}

/** The component a schema's `$ref` names, or undefined when the schema has no `$ref`. */
export function referencedType(schema: Schema, components: Components): ComponentType | undefined {
    const ref = schema.$ref;
    if (typeof ref !== 'string') {
        return undefined;
    }
    const type = components.get(refName(ref));
    if (type === undefined) {
        throw new Error(`unknown type ${ref}: no @Object() class has that name`);
    }
    return type;
}

/** The schemas of `@Object` types by name (`fabric:objects`), keeping each class to build instances. */
export function componentsFrom(objects: unknown): Components {
    const components = new Map<string, ComponentType>();
    for (const [name, value] of Object.entries(asRecord(objects) ?? {})) {
        const schema = asRecord(value);
        if (schema === undefined) {
            continue;
        }
        const cnstr = schema.cnstr;
        const create = typeof cnstr === 'function' ? (): object => new (cnstr as new () => object)() : undefined;
        components.set(name, { schema, create });
    }
    return components;
}

function describe(value: unknown): string {
    if (value === null) {
        return 'null';
    }
    return Array.isArray(value) ? 'an array' : `a ${typeof value}`;
}

/**
 * Checks `value` against `schema`; returns what is wrong (naming `path`), or undefined when it
 * conforms. Like the ajv check fabric-shim runs: properties are optional unless `required`
 * lists them, and properties the schema does not name are allowed.
 */
export function checkValue(value: unknown, schema: Schema, components: Components, path: string): string | undefined {
    const referenced = referencedType(schema, components);
    if (referenced !== undefined) {
        return checkValue(value, referenced.schema, components, path);
    }
    if (Array.isArray(schema.allOf)) {
        for (const part of schema.allOf) {
            const problem = checkValue(value, asRecord(part) ?? {}, components, path);
            if (problem !== undefined) {
                return problem;
            }
        }
    }
    return checkType(value, schema, components, path);
}

function checkType(value: unknown, schema: Schema, components: Components, path: string): string | undefined {
    switch (schema.type) {
        case undefined:
            return undefined;
        case 'string':
        case 'boolean':
            return typeof value === schema.type
                ? undefined
                : `${path} must be a ${schema.type}, not ${describe(value)}`;
        case 'number':
        case 'integer':
            return checkNumber(value, schema.type, path);
        case 'array':
            return checkArray(value, schema, components, path);
        case 'object':
            return checkObject(value, schema, components, path);
        default:
            return `${path} has a type this runtime does not know: ${JSON.stringify(schema.type)}`;
    }
}

/**
 * As ajv 6 (fabric-shim's) checks them: any number, Infinity included; an integer is a number
 * whose `% 1` is 0 or NaN (so Infinity passes there too), and not NaN.
 */
function checkNumber(value: unknown, type: 'number' | 'integer', path: string): string | undefined {
    const fraction = typeof value === 'number' ? value % 1 : 0;
    const notInteger = Number.isNaN(value) || (fraction !== 0 && !Number.isNaN(fraction));
    if (typeof value !== 'number' || (type === 'integer' && notInteger)) {
        return `${path} must be ${type === 'integer' ? 'an integer' : 'a number'}, not ${describe(value)}`;
    }
    return undefined;
}

function checkArray(value: unknown, schema: Schema, components: Components, path: string): string | undefined {
    if (!Array.isArray(value)) {
        return `${path} must be an array, not ${describe(value)}`;
    }
    const items = asRecord(schema.items);
    if (items === undefined) {
        return undefined;
    }
    for (const [index, item] of value.entries()) {
        const problem = checkValue(item, items, components, `${path}[${index}]`);
        if (problem !== undefined) {
            return problem;
        }
    }
    return undefined;
}

function checkObject(value: unknown, schema: Schema, components: Components, path: string): string | undefined {
    const record = asRecord(value);
    if (record === undefined) {
        return `${path} must be an object, not ${describe(value)}`;
    }
    const properties = asRecord(schema.properties) ?? {};
    const required: unknown[] = Array.isArray(schema.required) ? schema.required : [];
    for (const name of required) {
        if (typeof name === 'string' && !Object.hasOwn(record, name)) {
            return `${path}.${name} is required`;
        }
    }
    const additional = asRecord(schema.additionalProperties);
    for (const [name, item] of Object.entries(record)) {
        const propertySchema = Object.hasOwn(properties, name) ? asRecord(properties[name]) : additional;
        if (propertySchema === undefined) {
            continue;
        }
        const problem = checkValue(item, propertySchema, components, `${path}.${name}`);
        if (problem !== undefined) {
            return problem;
        }
    }
    return undefined;
}
