// SPDX-License-Identifier: Apache-2.0
//
// Turns a transaction's argument bytes into the values its function takes, from the
// parameter schemas the decorators recorded, deciding success exactly as fabric-contract-api
// 2.5.8's JSON serializer and fabric-shim's schema check do; our messages name the parameter.

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
        convertArgument(`parameter "${parameter.name}" of ${transaction}`, parameter, texts[index] ?? '', components),
    );
}

function convertArgument(
    label: string,
    { name, schema }: ParameterDescription,
    text: string,
    components: Components,
): unknown {
    if (schema.type === undefined && schema.$ref === undefined) {
        throw new Error(`${label} has no type information: ${JSON.stringify(schema)}`);
    }
    const value = fromText(label, text, schema, components);
    const problem = checkValue(value, schema, components, name);
    if (problem !== undefined) {
        throw new ArgumentError(`${label} is invalid: ${problem}`);
    }
    return value;
}

function parseJson(label: string, text: string): unknown {
    try {
        return JSON.parse(text) as unknown;
    } catch (err) {
        throw new ArgumentError(`${label} must be JSON: ${(err as Error).message}`);
    }
}

/**
 * fabric-contract-api's conversion of one argument's text: strings as they are; numbers with
 * `Number()` (so '' is 0 and ' 7 ' is 7); booleans `true`/`false` in any case; `@Object`
 * types from JSON into an instance; arrays element by element, each element converted from
 * its JSON text (so a string element keeps its quotes, as under fabric-shim); anything else
 * as JSON when it parses, else as the text.
 */
function fromText(label: string, text: string, schema: Schema, components: Components): unknown {
    const referenced = referencedType(schema, components);
    if (referenced !== undefined) {
        return referenced.create === undefined ? anyJson(text) : instantiate(parseJson(label, text), referenced.create);
    }
    switch (schema.type) {
        case 'string':
            return text;
        case 'number': {
            const value = Number(text);
            if (Number.isNaN(value)) {
                throw new ArgumentError(`${label} must be a number; got ${JSON.stringify(text)}`);
            }
            return value;
        }
        case 'boolean':
            return toBoolean(label, text);
        case 'array': {
            const parsed = parseJson(label, text);
            if (!Array.isArray(parsed)) {
                throw new ArgumentError(`${label} must be a JSON array; got ${JSON.stringify(text)}`);
            }
            const items = (typeof schema.items === 'object' && schema.items !== null ? schema.items : {}) as Schema;
            return parsed.map((item: unknown) => fromText(label, JSON.stringify(item), items, components));
        }
        default:
            return anyJson(text);
    }
}

function toBoolean(label: string, text: string): boolean {
    switch (text.trim().toLowerCase()) {
        case 'true':
            return true;
        case 'false':
            return false;
        default:
            throw new ArgumentError(`${label} must be true or false; got ${JSON.stringify(text)}`);
    }
}

/** JSON when the text parses (a serialised Buffer becomes a Buffer), else the text itself. */
function anyJson(text: string): unknown {
    let value: unknown;
    try {
        value = JSON.parse(text) as unknown;
    } catch {
        return text;
    }
    const buffer = value as { type?: unknown; data?: unknown } | null;
    if (typeof buffer === 'object' && buffer !== null && buffer.type === 'Buffer' && Array.isArray(buffer.data)) {
        return Buffer.from(buffer.data as number[]);
    }
    return value;
}

/**
 * An `@Object` value as class-transformer's plainToClass makes it: a new instance with the
 * JSON's properties copied on (nested values left plain); an array, an array of instances.
 */
function instantiate(value: unknown, create: () => object): unknown {
    if (Array.isArray(value)) {
        return value.map((item: unknown) => instantiate(item, create));
    }
    if (typeof value !== 'object' || value === null) {
        return value;
    }
    const instance = create() as Record<string, unknown>;
    for (const [key, item] of Object.entries(value)) {
        if (key === '__proto__') {
            // JSON.parse makes "__proto__" an own property; assigning it would swap the prototype.
            Object.defineProperty(instance, key, { value: item, writable: true, enumerable: true, configurable: true });
        } else {
            instance[key] = item;
        }
    }
    return instance;
}
