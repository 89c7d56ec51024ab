// SPDX-License-Identifier: Apache-2.0
//
// Which protobufjs conversions a message type can skip. `fromObject` only turns enum names
// into numbers (and string longs/bytes that `encode` accepts anyway), so an enum-free type
// encodes a plain object directly, byte for byte the same. `toObject` can be skipped when the
// decoded instance already has the generated `__Output` shape; the codecs run several times
// per transaction, and the two conversions were most of their cost (BENCHMARKS.md).

import protobuf from 'protobufjs';

/** The 64-bit integer types: a decoded instance holds a Long where `__Output` has a string. */
const LONG_TYPES = new Set(['int64', 'uint64', 'sint64', 'fixed64', 'sfixed64']);

/** True when `type` or any message nested in it has an enum field. */
export function hasEnumField(type: protobuf.Type): boolean {
    return someField(type, (field) => field.resolvedType instanceof protobuf.Enum);
}

/**
 * True when a decoded instance of `type` reads like what `toObject` with proto-loader's
 * options returns, so it can be typed as the generated `__Output`: no enum (a number where
 * Output has a name), no 64-bit integer (a Long, not a string), no oneof (no virtual name
 * field), and no singular bytes field (absent, it reads protobufjs's shared empty array from
 * the prototype, not a Buffer). Absent repeated and map fields read a frozen empty array or
 * object from the prototype: still `Buffer[]` and a record, but read-only.
 */
export function decodesToOutputShape(type: protobuf.Type): boolean {
    return !someField(
        type,
        (field) =>
            field.resolvedType instanceof protobuf.Enum ||
            LONG_TYPES.has(field.type) ||
            field.partOf !== null ||
            (field.type === 'bytes' && !field.repeated && !field.map),
    );
}

/** True when `test` holds for a field of `type` or of a message type nested in it. */
function someField(
    type: protobuf.Type,
    test: (field: protobuf.Field) => boolean,
    seen = new Set<protobuf.Type>(),
): boolean {
    if (seen.has(type)) {
        return false;
    }
    seen.add(type);
    return type.fieldsArray.some((field) => {
        field.resolve();
        if (test(field)) {
            return true;
        }
        return field.resolvedType instanceof protobuf.Type && someField(field.resolvedType, test, seen);
    });
}

/**
 * A bytes field of a decoded instance: a slice of the input when present (a Buffer, as
 * grpc-js and our callers decode Buffers), protobufjs's shared empty array from the
 * prototype when absent.
 */
export type RawBytes = Uint8Array | readonly number[];

/** Shared by every absent bytes field: zero bytes, nothing a receiver could change. */
const EMPTY = Buffer.alloc(0);

/**
 * A bytes field as toObject with `bytes: Buffer` gives it: always a Buffer, empty when absent
 * (one shared empty Buffer instead of a new one: an empty RESPONSE payload is the common case).
 */
export function toBuffer(bytes: RawBytes): Buffer {
    if (Buffer.isBuffer(bytes)) {
        return bytes;
    }
    if (bytes.length === 0) {
        return EMPTY;
    }
    return bytes instanceof Uint8Array
        ? Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)
        : Buffer.from(bytes);
}
