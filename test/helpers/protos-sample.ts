// SPDX-License-Identifier: Apache-2.0
//
// Wire-compatibility checks between our protos/ (protobufjs) and Fabric's generated code (@hyperledger/fabric-protos).

import assert from 'node:assert/strict';
import * as fabricProtos from '@hyperledger/fabric-protos';
import protobuf from 'protobufjs';

/** Our packages and where Fabric's generated code keeps the same package. */
const THEIR_PACKAGES: Readonly<Record<string, readonly string[]>> = {
    protos: ['peer'],
    common: ['common'],
    msp: ['msp'],
    queryresult: ['ledger', 'queryresult'],
};

/**
 * How both sides are compared: the options our codecs use in src/wire/protos.ts, less `oneofs`
 * (our protos have none, and virtual oneof fields would only add noise to the comparison).
 */
export const OBJECT_OPTIONS = { longs: String, enums: String, bytes: Buffer, defaults: true } as const;

const SIGNED_LONG_TYPES = new Set(['int64', 'sint64', 'sfixed64']);
const LONG_TYPES = new Set([...SIGNED_LONG_TYPES, 'uint64', 'fixed64']);
const SIGNED_INT_TYPES = new Set(['int32', 'sint32', 'sfixed32']);
const INT_TYPES = new Set([...SIGNED_INT_TYPES, 'uint32', 'fixed32']);
const FLOAT_TYPES = new Set(['double', 'float']);

/** Messages nested deeper than this are left unset, so a recursive message cannot loop. */
const MAX_DEPTH = 4;

/** A jspb.Map, as far as the checks use it. */
interface TheirMap {
    getLength(): number;
    get(key: unknown): unknown;
}

/** Every object reachable from `ns`, depth first, in declaration order. */
function nestedObjects(ns: protobuf.NamespaceBase): protobuf.ReflectionObject[] {
    return ns.nestedArray.flatMap((child) =>
        child instanceof protobuf.Namespace ? [child, ...nestedObjects(child)] : [child],
    );
}

/** The reflection objects of ours that Fabric also defines: everything under our packages, nothing of google's. */
function ourObjects(root: protobuf.Root): protobuf.ReflectionObject[] {
    return Object.keys(THEIR_PACKAGES).flatMap((pkg) => {
        const ns = root.lookup(pkg);
        return ns instanceof protobuf.Namespace ? nestedObjects(ns) : [];
    });
}

/** Every message type defined in our protos/, google.protobuf.* excluded. */
export function ourMessageTypes(root: protobuf.Root): protobuf.Type[] {
    return ourObjects(root).filter((o): o is protobuf.Type => o instanceof protobuf.Type);
}

/** Every enum defined in our protos/, top level or nested in a message. */
export function ourEnums(root: protobuf.Root): protobuf.Enum[] {
    return ourObjects(root).filter((o): o is protobuf.Enum => o instanceof protobuf.Enum);
}

/** `protos.GetState` from `.protos.GetState`. */
export function qualifiedName(object: protobuf.ReflectionObject): string {
    return object.fullName.replace(/^\./, '');
}

/** Fabric's export of the same fully qualified name: a generated class, or an enum's name-to-number object. */
export function theirExport(fullName: string): unknown {
    const [pkg, ...names] = fullName.split('.');
    const theirPath = THEIR_PACKAGES[pkg ?? ''];
    assert.ok(theirPath, `${fullName}: package ${String(pkg)} has no counterpart in @hyperledger/fabric-protos`);
    let current: unknown = fabricProtos;
    for (const segment of [...theirPath, ...names]) {
        assert.ok(
            (typeof current === 'object' || typeof current === 'function') && current !== null && segment in current,
            `${fullName}: @hyperledger/fabric-protos has no ${segment}`,
        );
        current = (current as Record<string, unknown>)[segment];
    }
    return current;
}

/**
 * The google-protobuf getter of a proto field: `channel_id` → `getChannelId`, `startKey` → `getStartkey`,
 * `TransientMap` (map) → `getTransientmapMap`, `args` (repeated bytes) → `getArgsList_asU8`.
 */
export function getterName(fieldName: string, suffix: '' | 'List' | 'Map' | '_asU8' | 'List_asU8' = ''): string {
    // protoc-gen-js lower-cases the whole name, splits it on `_` and capitalises each part; a getter that would
    // shadow jspb.Message's own methods gets a `$` suffix.
    const stem = fieldName
        .toLowerCase()
        .split('_')
        .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
        .join('');
    const name = `${stem}${suffix}`;
    return `get${['Extension', 'JsPbMessageId'].includes(name) ? `${name}$` : name}`;
}

/** Calls a generated accessor on their message, failing loudly when Fabric's class does not have it. */
export function callGetter(obj: unknown, name: string): unknown {
    assert.ok(typeof obj === 'object' && obj !== null, `cannot call ${name}() on ${String(obj)}`);
    const fn = (obj as Record<string, unknown>)[name];
    assert.equal(typeof fn, 'function', `Fabric's message has no ${name}(): field name or type mismatch`);
    return (fn as (this: unknown) => unknown).call(obj);
}

/** Fields that get a value: all of them, except that only the first member of a oneof is set. */
function settableFields(type: protobuf.Type): protobuf.Field[] {
    return type.fieldsArray.filter((f) => f.partOf === null || f.partOf.fieldsArray[0] === f);
}

/** Hands out distinct numbers, so no two scalars of a sample share a value. */
class Counter {
    private next = 0;
    take(): number {
        this.next += 1;
        return this.next;
    }
}

function scalarSample(type: string, label: string, counter: Counter): unknown {
    const n = counter.take();
    if (type === 'string') return `${label}-value`;
    if (type === 'bool') return true;
    if (type === 'bytes') return Buffer.from(`${label}-bytes-${n}`);
    // Signed values are negative and unsigned ones use their top bits, so a signedness or width mismatch with
    // Fabric's type changes the decoded value; 64-bit magnitudes stay below 2^53 as google-protobuf reads numbers.
    if (SIGNED_LONG_TYPES.has(type)) return String(-(1_000_000_000_000 + n));
    if (LONG_TYPES.has(type)) return String(1_000_000_000_000 + n);
    if (SIGNED_INT_TYPES.has(type)) return -(100 + n);
    if (INT_TYPES.has(type)) return 3_000_000_000 + n;
    if (FLOAT_TYPES.has(type)) return n + 0.5;
    assert.fail(`no sample for scalar type ${type} (${label})`);
}

function valueSample(field: protobuf.FieldBase, label: string, counter: Counter, depth: number): unknown {
    const resolved = field.resolvedType;
    if (resolved instanceof protobuf.Enum) {
        const nonZero = Object.values(resolved.values).filter((v) => v !== 0);
        assert.ok(nonZero.length > 0, `${resolved.fullName} has no non-zero value`);
        return nonZero[counter.take() % nonZero.length];
    }
    if (resolved instanceof protobuf.Type) return messageSample(resolved, counter, depth + 1);
    return scalarSample(field.type, label, counter);
}

function mapKeySample(keyType: string, label: string, index: number): string {
    if (keyType === 'string') return `${label}-key-${index}`;
    if (keyType === 'bool') return index === 1 ? 'true' : 'false';
    return String(10 + index);
}

function messageSample(type: protobuf.Type, counter: Counter, depth: number): Record<string, unknown> | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const sample: Record<string, unknown> = {};
    for (const field of settableFields(type)) {
        const label = `${type.name}.${field.name}`;
        let value: unknown;
        if (field instanceof protobuf.MapField) {
            value = Object.fromEntries(
                [1, 2].map((i) => [mapKeySample(field.keyType, label, i), valueSample(field, label, counter, depth)]),
            );
        } else if (field.repeated) {
            value = [1, 2].map((i) => valueSample(field, `${label}-${i}`, counter, depth));
        } else {
            value = valueSample(field, label, counter, depth);
        }
        if (value !== undefined) sample[field.name] = value;
    }
    return sample;
}

/** A plain object for `type` with every field set to a non-default value unique within the sample. */
export function sampleFor(type: protobuf.Type): Record<string, unknown> {
    return messageSample(type, new Counter(), 0) ?? {};
}

/** `object` as our codecs present it: enums by name, longs as strings, bytes as Buffers, defaults filled in. */
export function normalise(type: protobuf.Type, object: Record<string, unknown>): Record<string, unknown> {
    return type.toObject(type.fromObject(object), OBJECT_OPTIONS);
}

/** One value read through Fabric's accessors against the normalised value of ours. */
function checkValue(field: protobuf.FieldBase, expected: unknown, actual: unknown, where: string): void {
    const resolved = field.resolvedType;
    if (resolved instanceof protobuf.Type) {
        if (expected === null || expected === undefined) {
            assert.ok(actual === undefined || actual === null, `${where}: Fabric decoded a message we left unset`);
            return;
        }
        checkMessage(resolved, expected as Record<string, unknown>, actual, where);
    } else if (resolved instanceof protobuf.Enum) {
        assert.equal(actual, resolved.values[String(expected)], `${where}: enum ${String(expected)}`);
    } else if (field.type === 'bytes') {
        assert.ok(actual instanceof Uint8Array, `${where}: expected bytes, Fabric gave ${typeof actual}`);
        assert.deepEqual(Buffer.from(actual), expected, `${where}: bytes differ`);
    } else if (LONG_TYPES.has(field.type)) {
        assert.equal(String(actual), expected, `${where}: 64-bit value differs`);
    } else {
        assert.equal(actual, expected, `${where}: value differs`);
    }
}

function checkMapKey(keyType: string, key: string): unknown {
    if (keyType === 'string') return key;
    if (keyType === 'bool') return key === 'true';
    return Number(key);
}

/**
 * Reads every field of `theirs` (a Fabric message decoded from our bytes) through its generated accessors and
 * compares it with `expected` (our message, normalised): a missing accessor, a different value or a field Fabric
 * dropped fails here.
 */
export function checkMessage(
    type: protobuf.Type,
    expected: Record<string, unknown>,
    theirs: unknown,
    where = '',
): void {
    const prefix = where === '' ? qualifiedName(type) : where;
    for (const field of type.fieldsArray) {
        const at = `${prefix}.${field.name}`;
        const want = expected[field.name];
        if (field instanceof protobuf.MapField) {
            const map = callGetter(theirs, getterName(field.name, 'Map')) as TheirMap;
            const entries = Object.entries(want as Record<string, unknown>);
            assert.equal(map.getLength(), entries.length, `${at}: map size differs`);
            for (const [key, value] of entries) {
                checkValue(field, value, map.get(checkMapKey(field.keyType, key)), `${at}[${key}]`);
            }
        } else if (field.repeated) {
            const list = callGetter(theirs, getterName(field.name, field.type === 'bytes' ? 'List_asU8' : 'List'));
            assert.ok(Array.isArray(list), `${at}: Fabric did not give a list`);
            const wanted = want as unknown[];
            assert.equal(list.length, wanted.length, `${at}: list length differs`);
            wanted.forEach((value, i) => {
                checkValue(field, value, list[i], `${at}[${i}]`);
            });
        } else {
            const actual = callGetter(theirs, getterName(field.name, field.type === 'bytes' ? '_asU8' : ''));
            checkValue(field, want, actual, at);
        }
    }
}

/** A generated google-protobuf class, as far as the checks use it. */
interface TheirClass {
    deserializeBinary(bytes: Uint8Array): { serializeBinary(): Uint8Array };
}

/** Fabric's generated class for one of our message types. */
export function theirClass(type: protobuf.Type): TheirClass {
    const cls = theirExport(qualifiedName(type));
    assert.equal(typeof cls, 'function', `${qualifiedName(type)} is not a class in @hyperledger/fabric-protos`);
    assert.equal(
        typeof (cls as Record<string, unknown>).deserializeBinary,
        'function',
        `${qualifiedName(type)} has no deserializeBinary`,
    );
    return cls as TheirClass;
}

/** Runs one step of Fabric's code, naming the message and the step when google-protobuf throws (its asserts are terse). */
function fabricDoes<T>(type: protobuf.Type, step: string, run: () => T): T {
    try {
        return run();
    } catch (err) {
        assert.fail(`${qualifiedName(type)}: Fabric's code cannot ${step}: ${String(err)}`);
    }
}

/**
 * Proves `type` (ours) and `cls` (Fabric's) agree on the wire: a fully populated sample encoded by us is read field by
 * field through Fabric's accessors, and Fabric's re-encoding decodes back to the same object with our definitions.
 */
export function assertWireCompatible(type: protobuf.Type, cls: TheirClass = theirClass(type)): void {
    const sample = sampleFor(type);
    const expected = normalise(type, sample);

    const ours = type.encode(type.fromObject(sample)).finish();
    const theirs = fabricDoes(type, 'decode our bytes', () => cls.deserializeBinary(ours));
    checkMessage(type, expected, theirs);

    // A Buffer, as gRPC hands us: protobufjs decodes bytes fields as views of its input's class.
    const theirBytes = fabricDoes(type, 're-encode what it decoded', () => theirs.serializeBinary());
    const back = type.toObject(
        type.decode(Buffer.from(theirBytes.buffer, theirBytes.byteOffset, theirBytes.length)),
        OBJECT_OPTIONS,
    );
    assert.deepEqual(back, expected, `${qualifiedName(type)}: Fabric's re-encoding decodes differently with ours`);
}
