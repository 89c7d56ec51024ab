// SPDX-License-Identifier: Apache-2.0
//
// Just enough protobuf to read and write a ChaincodeMessage and the few payloads the benchmark
// uses, without allocating per field: the driver and the floor server must cost as little as possible.

/** ChaincodeMessage.Type numbers (docs/chaincode-protocol.md, section 2). */
export const MessageType = {
    REGISTER: 1,
    REGISTERED: 2,
    READY: 4,
    TRANSACTION: 5,
    COMPLETED: 6,
    ERROR: 7,
    GET_STATE: 8,
    PUT_STATE: 9,
    RESPONSE: 13,
    KEEPALIVE: 18,
} as const;

/** Where the fields of one ChaincodeMessage lie in its buffer; reused between messages. */
export class MessageView {
    type = 0;
    payloadStart = 0;
    payloadEnd = 0;
    txidStart = 0;
    txidEnd = 0;
    channelStart = 0;
    channelEnd = 0;

    /** Fills the view from `buf`; throws on a truncated message. */
    read(buf: Buffer): this {
        this.type = 0;
        this.payloadStart = this.payloadEnd = 0;
        this.txidStart = this.txidEnd = 0;
        this.channelStart = this.channelEnd = 0;
        const reader = new Reader(buf, 0, buf.length);
        while (reader.pos < reader.end) {
            const tag = reader.varint();
            const field = tag >>> 3;
            if (field === 1 && (tag & 7) === 0) {
                this.type = reader.varint();
            } else if ((tag & 7) === 2) {
                const length = reader.varint();
                const start = reader.pos;
                reader.advance(length);
                if (field === 3) {
                    this.payloadStart = start;
                    this.payloadEnd = reader.pos;
                } else if (field === 4) {
                    this.txidStart = start;
                    this.txidEnd = reader.pos;
                } else if (field === 7) {
                    this.channelStart = start;
                    this.channelEnd = reader.pos;
                }
            } else {
                reader.skip(tag & 7);
            }
        }
        return this;
    }
}

/** A cursor over a protobuf message inside a buffer. */
export class Reader {
    readonly buf: Buffer;
    pos: number;
    readonly end: number;

    constructor(buf: Buffer, start: number, end: number) {
        this.buf = buf;
        this.pos = start;
        this.end = end;
    }

    varint(): number {
        let value = 0;
        let scale = 1;
        for (;;) {
            if (this.pos >= this.end) {
                throw new Error('truncated varint');
            }
            const byte = this.buf[this.pos++] ?? 0;
            value += (byte & 0x7f) * scale;
            if (byte < 0x80) {
                return value;
            }
            scale *= 128;
        }
    }

    advance(length: number): void {
        if (this.pos + length > this.end) {
            throw new Error('truncated field');
        }
        this.pos += length;
    }

    skip(wireType: number): void {
        if (wireType === 0) {
            this.varint();
        } else if (wireType === 1) {
            this.advance(8);
        } else if (wireType === 2) {
            this.advance(this.varint());
        } else if (wireType === 5) {
            this.advance(4);
        } else {
            throw new Error(`unsupported wire type ${wireType}`);
        }
    }

    /**
     * Finds the `index`-th occurrence of length-delimited field `field` in [pos, end) and sets
     * `range` to its bytes; false when there is none. Leaves the cursor at the end.
     */
    findBytes(field: number, index: number, range: Range): boolean {
        let seen = 0;
        while (this.pos < this.end) {
            const tag = this.varint();
            if ((tag & 7) !== 2) {
                this.skip(tag & 7);
                continue;
            }
            const length = this.varint();
            const start = this.pos;
            this.advance(length);
            if (tag >>> 3 === field && seen++ === index) {
                range.start = start;
                range.end = this.pos;
                return true;
            }
        }
        return false;
    }
}

/** A byte range, reused to avoid allocation. */
export interface Range {
    start: number;
    end: number;
}

/** Bytes of the `index`-th length-delimited `field` of the message in buf[start, end), or undefined. */
export function fieldBytes(buf: Buffer, start: number, end: number, field: number, index = 0): Buffer | undefined {
    const range = { start: 0, end: 0 };
    return new Reader(buf, start, end).findBytes(field, index, range)
        ? buf.subarray(range.start, range.end)
        : undefined;
}

/** The first varint `field` of the message in buf[start, end); 0 (proto3's default) when absent. */
export function fieldVarint(buf: Buffer, start: number, end: number, field: number): number {
    const reader = new Reader(buf, start, end);
    while (reader.pos < reader.end) {
        const tag = reader.varint();
        if (tag >>> 3 === field && (tag & 7) === 0) {
            return reader.varint();
        }
        reader.skip(tag & 7);
    }
    return 0;
}

function varintSize(value: number): number {
    let size = 1;
    while (value >= 0x80) {
        value = Math.floor(value / 128);
        size++;
    }
    return size;
}

function writeVarint(buf: Buffer, pos: number, value: number): number {
    while (value >= 0x80) {
        buf[pos++] = (value & 0x7f) | 0x80;
        value = Math.floor(value / 128);
    }
    buf[pos++] = value;
    return pos;
}

/** Size of a length-delimited field (tag < 16, so one tag byte) carrying `length` bytes; 0 when empty. */
function bytesFieldSize(length: number): number {
    return length === 0 ? 0 : 1 + varintSize(length) + length;
}

function writeBytesField(buf: Buffer, pos: number, field: number, bytes: Uint8Array): number {
    if (bytes.length === 0) {
        return pos;
    }
    buf[pos++] = (field << 3) | 2;
    pos = writeVarint(buf, pos, bytes.length);
    buf.set(bytes, pos);
    return pos + bytes.length;
}

const EMPTY = Buffer.alloc(0);

/** Encodes a ChaincodeMessage {type, payload, txid, channel_id} (fields 1, 3, 4, 7). */
export function encodeMessage(
    type: number,
    payload: Uint8Array = EMPTY,
    txid: Uint8Array = EMPTY,
    channel: Uint8Array = EMPTY,
): Buffer {
    const size = 2 + bytesFieldSize(payload.length) + bytesFieldSize(txid.length) + bytesFieldSize(channel.length);
    const buf = Buffer.allocUnsafe(size);
    buf[0] = 0x08;
    buf[1] = type;
    let pos = writeBytesField(buf, 2, 3, payload);
    pos = writeBytesField(buf, pos, 4, txid);
    writeBytesField(buf, pos, 7, channel);
    return buf;
}

/** Encodes a message of length-delimited fields only, e.g. GetState {key=1} or PutState {key=1, value=2}. */
export function encodeFields(fields: readonly (readonly [number, Uint8Array])[]): Buffer {
    let size = 0;
    for (const [, bytes] of fields) {
        size += bytesFieldSize(bytes.length);
    }
    const buf = Buffer.allocUnsafe(size);
    let pos = 0;
    for (const [field, bytes] of fields) {
        pos = writeBytesField(buf, pos, field, bytes);
    }
    return buf;
}

/** Encodes protos.Response {status=1, payload=3} with an empty message. */
export function encodeResponse(status: number, payload: Uint8Array): Buffer {
    const buf = Buffer.allocUnsafe(1 + varintSize(status) + bytesFieldSize(payload.length));
    buf[0] = 0x08;
    writeBytesField(buf, writeVarint(buf, 1, status), 3, payload);
    return buf;
}
