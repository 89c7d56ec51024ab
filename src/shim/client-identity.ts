// SPDX-License-Identifier: Apache-2.0
//
// The identity of the client that submitted the proposal, shaped like fabric-shim's
// ClientIdentity: its ID, MSP, certificate and Fabric CA attributes.

import { X509Certificate } from 'node:crypto';
import { InvalidArgumentError } from './errors.ts';
import { readCertificate, type NameAttribute } from './der.ts';
import type { ChaincodeStub } from './types.ts';

/** The Fabric CA attribute extension; its value is JSON `{"attrs": {"name": "value", ...}}`. */
export const FABRIC_ATTRIBUTES_OID = '1.2.3.4.5.6.7.8.1';

/** The short names fabric-shim's certificate parser (@fidm/x509) knows; any other attribute prints as `/=value`. */
const SHORT_NAMES: Readonly<Record<string, string>> = {
    '2.5.4.3': 'CN',
    '2.5.4.6': 'C',
    '2.5.4.7': 'L',
    '2.5.4.8': 'ST',
    '2.5.4.10': 'O',
    '2.5.4.11': 'OU',
    '1.2.840.113549.1.9.1': 'E',
};

/**
 * Who submitted the proposal. Construct it from the stub inside Init/Invoke:
 * `const cid = new ClientIdentity(stub)`. Throws when the creator is not an X.509 identity.
 */
export class ClientIdentity {
    readonly #mspId: string;
    readonly #idBytes: Uint8Array;
    readonly #certificate: X509Certificate;
    readonly #id: string;
    readonly #attributes: Readonly<Record<string, unknown>>;

    /** `stub`: anything with the proposal's creator (our stub, or the one a fabric-contract-api Context types). */
    constructor(stub: Pick<ChaincodeStub, 'getCreator'>) {
        const creator = stub.getCreator();
        this.#mspId = creator.mspid;
        this.#idBytes = creator.idBytes;
        const parsed = parseCached(creator.idBytes);
        this.#certificate = parsed.certificate;
        this.#id = parsed.id;
        this.#attributes = parsed.attributes;
    }

    /**
     * `x509::<subject>::<issuer>`, each DN in slash form (`/C=US/O=Org1/CN=user1`) in
     * certificate order — byte for byte what fabric-shim 2.5 returns, including its quirk
     * of escaping only the first `/` in a value. (The Go shim base64-encodes a comma form instead.)
     */
    getID(): string {
        return this.#id;
    }

    /** The MSP ID of the client's organisation. */
    getMSPID(): string {
        return this.#mspId;
    }

    /** The PEM certificate bytes from the proposal's creator. */
    getIDBytes(): Uint8Array {
        return this.#idBytes;
    }

    /** The parsed certificate. */
    getX509Certificate(): X509Certificate {
        return this.#certificate;
    }

    /**
     * A Fabric CA attribute's value; null when the certificate does not carry it (or it is
     * empty, 0 or false). A value that is not a string in the certificate's JSON is returned
     * as it is, as fabric-shim does (the declared type is fabric-shim's).
     */
    getAttributeValue(attrName: string): string | null {
        const value = Object.hasOwn(this.#attributes, attrName) ? this.#attributes[attrName] : undefined;
        return value ? (value as string) : null;
    }

    /** True when the attribute exists and equals `attrValue`. */
    assertAttributeValue(attrName: string, attrValue: string): boolean {
        return this.getAttributeValue(attrName) === attrValue;
    }
}

/** What a certificate yields, shared by every transaction of the same client. */
interface ParsedIdentity {
    readonly certificate: X509Certificate;
    readonly id: string;
    readonly attributes: Readonly<Record<string, unknown>>;
}

/**
 * Parsed identities by their exact bytes, least recently used first. `new X509Certificate`
 * costs ~120 µs, which made it most of a contract transaction's CPU (BENCHMARKS.md), while a
 * few clients submit most transactions. Only certificates that parse are kept.
 */
const parsedIdentities = new Map<string, ParsedIdentity>();
const PARSED_IDENTITIES_KEPT = 128;
/** The last identity served, compared byte for byte first: cheaper than building and hashing a ~1 KiB key. */
let lastIdentity: { readonly bytes: Buffer; readonly parsed: ParsedIdentity } | undefined;

function parseCached(idBytes: Uint8Array): ParsedIdentity {
    const bytes = Buffer.from(idBytes.buffer, idBytes.byteOffset, idBytes.byteLength);
    if (lastIdentity?.bytes.equals(bytes) === true) {
        return lastIdentity.parsed;
    }
    const key = bytes.toString('latin1'); // one character per byte: equal keys are equal bytes
    let parsed = parsedIdentities.get(key);
    if (parsed !== undefined) {
        parsedIdentities.delete(key); // re-inserted below as the most recently used
    } else {
        parsed = parseIdentity(bytes);
        if (parsedIdentities.size >= PARSED_IDENTITIES_KEPT) {
            const oldest = parsedIdentities.keys().next();
            if (oldest.done !== true) {
                parsedIdentities.delete(oldest.value);
            }
        }
    }
    parsedIdentities.set(key, parsed);
    lastIdentity = { bytes: Buffer.from(bytes), parsed }; // a copy: not a view into a stream message
    return parsed;
}

function parseIdentity(bytes: Buffer): ParsedIdentity {
    let certificate: X509Certificate;
    try {
        certificate = new X509Certificate(bytes);
    } catch (err) {
        throw new InvalidArgumentError("ClientIdentity: the creator's identity is not an X.509 certificate", {
            cause: err,
        });
    }
    // X509Certificate exposes neither the DN attributes in order nor arbitrary extensions,
    // so a minimal DER read (der.ts) supplies both.
    const fields = readCertificate(certificate.raw);
    return {
        certificate,
        id: `x509::${formatDn(fields.subject)}::${formatDn(fields.issuer)}`,
        attributes: Object.freeze(parseAttributes(fields.extensions.get(FABRIC_ATTRIBUTES_OID))),
    };
}

function formatDn(attributes: readonly NameAttribute[]): string {
    let dn = '';
    for (const { oid, value } of attributes) {
        // fabric-shim uses String.replace with a string pattern, which replaces only the first '/'.
        dn += `/${SHORT_NAMES[oid] ?? ''}=${value.replace('/', '\\/')}`;
    }
    return dn;
}

function parseAttributes(extension: Buffer | undefined): Readonly<Record<string, unknown>> {
    if (extension === undefined) {
        return {};
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(extension.toString('utf8'));
    } catch (err) {
        throw new InvalidArgumentError('ClientIdentity: the attribute extension is not valid JSON', { cause: err });
    }
    const attrs = typeof parsed === 'object' && parsed !== null ? (parsed as { attrs?: unknown }).attrs : undefined;
    return typeof attrs === 'object' && attrs !== null ? (attrs as Record<string, unknown>) : {};
}
