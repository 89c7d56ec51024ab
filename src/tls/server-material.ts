// SPDX-License-Identifier: Apache-2.0
//
// Checks the server's TLS material the way a handshake will use it: the key and certificate
// parse, the key belongs to the certificate, the certificate is valid now, the client CA holds
// a certificate. Used at start-up and before a reloaded pair replaces the served one.

import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { errorMessage } from '../shim/errors.ts';
import { validityOf, validityProblem } from './certificate-validity.ts';

export interface ServerMaterial {
    readonly key: Buffer;
    readonly cert: Buffer;
    readonly clientCa?: Buffer | undefined;
}

/** Which piece of the material a problem is in. */
export type MaterialPart = 'key' | 'cert' | 'clientCa';

/** The material cannot be served; `part` says where the problem is. */
export class TlsMaterialError extends Error {
    readonly code = 'TLS_MATERIAL_INVALID';
    override readonly name = 'TlsMaterialError';
    readonly part: MaterialPart;
    /** The other part the problem involves: the certificate a key does not match. */
    readonly against: MaterialPart | undefined;

    constructor(part: MaterialPart, message: string, options?: ErrorOptions & { against?: MaterialPart }) {
        super(message, options);
        this.part = part;
        this.against = options?.against;
    }
}

/** What the checked serving certificate says about itself. */
export interface CheckedMaterial {
    readonly notBefore: Date;
    readonly notAfter: Date;
    /** SHA-256 fingerprint, colon-separated hex, as `openssl x509 -fingerprint -sha256` prints it. */
    readonly fingerprint256: string;
    readonly subject: string;
}

/** Throws {@link TlsMaterialError} naming the part and the problem; returns the certificate's facts. */
export function checkServerMaterial(material: ServerMaterial, now: Date = new Date()): CheckedMaterial {
    const cert = parse('cert', 'the certificate does not parse', () => new X509Certificate(material.cert));
    const key = parse('key', 'the key does not parse (an unencrypted PEM private key is needed)', (): KeyObject =>
        createPrivateKey(material.key),
    );
    if (!cert.checkPrivateKey(key)) {
        throw new TlsMaterialError('key', 'the key does not match the certificate', { against: 'cert' });
    }
    const problem = validityProblem(cert, now);
    if (problem !== undefined) {
        throw new TlsMaterialError('cert', `the certificate ${problem}`);
    }
    if (material.clientCa !== undefined) {
        const clientCa = material.clientCa;
        parse('clientCa', 'the client CA certificate does not parse', () => new X509Certificate(clientCa));
    }
    return { ...validityOf(cert), fingerprint256: cert.fingerprint256, subject: cert.subject.replace(/\n/g, ', ') };
}

function parse<T>(part: MaterialPart, what: string, read: () => T): T {
    try {
        return read();
    } catch (err) {
        throw new TlsMaterialError(part, `${what}: ${errorMessage(err)}`, { cause: err });
    }
}
