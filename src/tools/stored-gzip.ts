// SPDX-License-Identifier: Apache-2.0
//
// A gzip writer that emits only stored (uncompressed) deflate blocks, so its output is a pure function of
// the input: the same bytes from every Node and zlib version, on every OS (RFC 1951 §3.2.4, RFC 1952).

import { crc32 } from 'node:zlib';

// ID1 ID2, CM=deflate, FLG=0, MTIME=0, XFL=0, OS=255 ("unknown", what Go's gzip writer emits).
const HEADER = Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0xff]);
const MAX_STORED = 0xffff;

/**
 * Wraps data in a gzip member made of stored deflate blocks.
 *
 * zlib's own level 0 is not used: it splits stored blocks at its output buffer size, which depends on the
 * zlib version and on Node's chunkSize, and it writes XFL and OS bytes that differ between builds. Package
 * IDs hash these bytes, so they must not move; chaincode packages are a few KB, so size does not matter.
 */
export function gzipStored(data: Uint8Array): Buffer {
    const parts: Buffer[] = [HEADER];
    let offset = 0;
    do {
        const length = Math.min(MAX_STORED, data.length - offset);
        const final = offset + length === data.length;
        const block = Buffer.alloc(5);
        block[0] = final ? 1 : 0; // BFINAL, BTYPE=00 (stored), padded to the byte boundary
        block.writeUInt16LE(length, 1);
        block.writeUInt16LE(~length & 0xffff, 3);
        parts.push(block, Buffer.from(data.buffer, data.byteOffset + offset, length));
        offset += length;
    } while (offset < data.length);
    const trailer = Buffer.alloc(8);
    trailer.writeUInt32LE(crc32(data), 0);
    trailer.writeUInt32LE(data.length % 2 ** 32, 4);
    parts.push(trailer);
    return Buffer.concat(parts);
}
