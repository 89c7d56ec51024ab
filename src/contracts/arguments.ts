// SPDX-License-Identifier: Apache-2.0
//
// Turns a transaction's argument bytes into the values its function takes, from the
// parameter schemas the decorators recorded, the way fabric-shim's JSON serializer reads them.

import { checkValue, referencedType, type Components, type Schema } from './schema.ts';

/** One parameter of a transaction function: its name (for messages and metadata) and schema. */
export interface ParameterDescription {
    readonly name: string;
    readonly schema: Schema;
}

/** An argument that does not convert to its parameter's type; answered with status 400. */
export class ArgumentError extends Error {
    override readonly name = 'ArgumentError';
}

const utf8 = new TextDecoder();

/**
 * The values to call `transaction` with. Without parameter descriptions (a contract without
 * decorators) every argument is passed as a string, as fabric-shim does.
 */
export function convertArguments(
    transaction: string,
    parameters: readonly ParameterDescription[] | undefined,
    args: readonly Uint8Array[],
    components: Components,
): unknown[] {
    const texts = args.map((arg) => utf8.decode(arg));
    if (parameters === undefined) {
        return texts;
    }
    if (parameters.length !== texts.length) {
        const names = parameters.map((p) => p.name).join(', ');
        throw new ArgumentError(
            `${transaction} expects ${parameters.length} arguments${names === '' ? '' : ` (${names})`}; got ${texts.length}`,
        );
    }
    return parameters.map((parameter, index) =>
        convertArgument(transaction, parameter, texts[index] ?? '', components),
    );
}

function convertArgument(
    transaction: string,
    { name, schema }: ParameterDescription,
    text: string,
    components: Components,
): unknown {
    const label = `parameter "${name}" of ${transaction}`;
    const referenced = referencedType(schema, components);
    if (referenced === undefined) {
        switch (schema.type) {
            case 'string':
                return text;
            case 'number':
            case 'integer':
                return toNumber(label, text, schema.type);
            case 'boolean':
                return toBoolean(label, text);
            case undefined:
                throw new Error(`${label} has no type information: ${JSON.stringify(schema)}`);
        }
    }
    let value: unknown;
    try {
        value = JSON.parse(text);
    } catch (err) {
        throw new ArgumentError(`${label} must be JSON: ${(err as Error).message}`);
    }
    const problem = checkValue(value, schema, components, name);
    if (problem !== undefined) {
        throw new ArgumentError(`${label} is invalid: ${problem}`);
    }
    return instantiate(value, schema, components);
}

function toNumber(label: string, text: string, type: 'number' | 'integer'): number {
    const trimmed = text.trim();
    const value = Number(trimmed);
    if (trimmed === '' || !Number.isFinite(value) || (type === 'integer' && !Number.isInteger(value))) {
        throw new ArgumentError(
            `${label} must be ${type === 'integer' ? 'an integer' : 'a number'}; got ${JSON.stringify(text)}`,
        );
    }
    return value;
}

function toBoolean(label: string, text: string): boolean {
    // fabric-shim accepts any case and surrounding spaces.
    switch (text.trim().toLowerCase()) {
        case 'true':
            return true;
        case 'false':
            return false;
        default:
            throw new ArgumentError(`${label} must be true or false; got ${JSON.stringify(text)}`);
    }
}

/**
 * An `@Object` value becomes an instance of its class (fabric-shim uses class-transformer's
 * plainToClass: a new instance with the JSON's properties copied on, nested values left plain);
 * arrays of `@Object` values become arrays of instances. Everything else stays plain JSON.
 */
function instantiate(value: unknown, schema: Schema, components: Components): unknown {
    const referenced = referencedType(schema, components);
    if (referenced?.create !== undefined && typeof value === 'object' && value !== null) {
        const instance = referenced.create() as Record<string, unknown>;
        for (const [key, item] of Object.entries(value)) {
            if (key === '__proto__') {
                // JSON.parse makes "__proto__" an own property; assigning it would swap the prototype.
                Object.defineProperty(instance, key, {
                    value: item,
                    writable: true,
                    enumerable: true,
                    configurable: true,
                });
            } else {
                instance[key] = item;
            }
        }
        return instance;
    }
    const items = schema.items;
    if (Array.isArray(value) && typeof items === 'object' && items !== null) {
        return value.map((item: unknown) => instantiate(item, items as Schema, components));
    }
    return value;
}
