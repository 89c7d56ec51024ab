// SPDX-License-Identifier: Apache-2.0
//
// Just enough DER to read what node:crypto's X509Certificate does not expose: the subject
// and issuer attributes in certificate order, and one extension's value by OID.

/** One DER element: its tag byte and where its content sits in the buffer. */
interface Element {
    readonly tag: number;
    readonly start: number;
    readonly end: number;
}

/** One attribute of a distinguished name, as encoded. */
export interface NameAttribute {
    readonly oid: string;
    readonly value: string;
}

/** What we read from a certificate's TBSCertificate. */
export interface CertificateFields {
    readonly subject: readonly NameAttribute[];
    readonly issuer: readonly NameAttribute[];
    /** Extension OID → the content of its extnValue OCTET STRING. */
    readonly extensions: ReadonlyMap<string, Buffer>;
}

const SEQUENCE = 0x30;
const SET = 0x31;
const OID = 0x06;
const OCTET_STRING = 0x04;
const BOOLEAN = 0x01;
const BMP_STRING = 0x1e;
const EXPLICIT_EXTENSIONS = 0xa3;

/** Reads the certificate (DER bytes, e.g. `X509Certificate.raw`). Throws on malformed input. */
export function readCertificate(der: Buffer): CertificateFields {
    const certificate = expect(element(der, 0), SEQUENCE);
    const tbs = expect(children(der, certificate)[0], SEQUENCE);
    const fields = children(der, tbs);
    // version [0] is optional; then serial, signature, issuer, validity, subject, spki, ...
    const offset = fields[0]?.tag === 0xa0 ? 1 : 0;
    const issuer = readName(der, expect(fields[offset + 2], SEQUENCE));
    const subject = readName(der, expect(fields[offset + 4], SEQUENCE));
    const extensions = new Map<string, Buffer>();
    const wrapper = fields.find((field) => field.tag === EXPLICIT_EXTENSIONS);
    if (wrapper !== undefined) {
        const list = expect(children(der, wrapper)[0], SEQUENCE);
        for (const extension of children(der, list)) {
            const parts = children(der, expect(extension, SEQUENCE));
            const id = expect(parts[0], OID);
            const value = expect(parts[parts[1]?.tag === BOOLEAN ? 2 : 1], OCTET_STRING);
            extensions.set(decodeOid(der.subarray(id.start, id.end)), der.subarray(value.start, value.end));
        }
    }
    return { subject, issuer, extensions };
}

/** Name = SEQUENCE OF SET OF SEQUENCE { type OID, value ANY }, flattened in encoded order. */
function readName(der: Buffer, name: Element): NameAttribute[] {
    const attributes: NameAttribute[] = [];
    for (const rdn of children(der, name)) {
        for (const pair of children(der, expect(rdn, SET))) {
            const [type, value] = children(der, expect(pair, SEQUENCE));
            const id = expect(type, OID);
            if (value === undefined) {
                throw new Error('malformed certificate: name attribute without a value');
            }
            attributes.push({ oid: decodeOid(der.subarray(id.start, id.end)), value: decodeString(der, value) });
        }
    }
    return attributes;
}

/** Directory strings: BMPString is UTF-16BE; the others are read as UTF-8, as fabric-shim's parser does. */
function decodeString(der: Buffer, value: Element): string {
    const bytes = der.subarray(value.start, value.end);
    return value.tag === BMP_STRING ? Buffer.from(bytes).swap16().toString('utf16le') : bytes.toString('utf8');
}

function decodeOid(bytes: Buffer): string {
    const first = bytes[0] ?? 0;
    const arcs = [Math.min(Math.floor(first / 40), 2), first - Math.min(Math.floor(first / 40), 2) * 40];
    let arc = 0;
    for (let i = 1; i < bytes.length; i++) {
        const byte = bytes[i] ?? 0;
        arc = arc * 128 + (byte & 0x7f);
        if ((byte & 0x80) === 0) {
            arcs.push(arc);
            arc = 0;
        }
    }
    return arcs.join('.');
}

function element(der: Buffer, offset: number): Element {
    const tag = der[offset];
    let length = der[offset + 1];
    if (tag === undefined || length === undefined) {
        throw new Error('malformed certificate: truncated element');
    }
    let start = offset + 2;
    if (length & 0x80) {
        const count = length & 0x7f;
        if (count === 0 || count > 4) {
            throw new Error('malformed certificate: unsupported length');
        }
        length = 0;
        for (let i = 0; i < count; i++) {
            length = length * 256 + (der[start + i] ?? 0);
        }
        start += count;
    }
    const end = start + length;
    if (end > der.length) {
        throw new Error('malformed certificate: element runs past the end');
    }
    return { tag, start, end };
}

function children(der: Buffer, parent: Element): Element[] {
    const list: Element[] = [];
    for (let offset = parent.start; offset < parent.end;) {
        const child = element(der, offset);
        list.push(child);
        offset = child.end;
    }
    return list;
}

function expect(found: Element | undefined, tag: number): Element {
    if (found?.tag !== tag) {
        throw new Error(`malformed certificate: expected tag 0x${tag.toString(16)}`);
    }
    return found;
}
