// SPDX-License-Identifier: Apache-2.0
//
// Reads the PEM files that go into connection.json and checks them the way the peer will use them at dial
// time: certificates and key parse, the client key matches its certificate, the server name is covered.

import { X509Certificate, createPrivateKey } from 'node:crypto';
import type { KeyObject } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { validityProblem } from '../tls/certificate-validity.ts';
import { ToolError, fsReason } from './tool-error.ts';

const CERTIFICATE_BLOCK = /-----BEGIN CERTIFICATE-----[^-]+-----END CERTIFICATE-----/g;
const CLIENT_AUTH_EKU = '1.3.6.1.5.5.7.3.2';
const ANY_EKU = '2.5.29.37.0';

/** A PEM file's text with LF line endings and one final newline, so the package is the same on every OS. */
export function readPemFile(path: string, flag: string): string {
    let text: string;
    try {
        text = readFileSync(path, 'utf8');
    } catch (err) {
        throw new ToolError(`cannot read ${flag} file "${path}": ${fsReason(err)}`);
    }
    const normalized = text.replace(/\r\n/g, '\n').trimEnd();
    if (!normalized.includes('-----BEGIN ')) {
        throw new ToolError(`${flag} file "${path}" is not PEM (no -----BEGIN line)`);
    }
    return `${normalized}\n`;
}

/** Every certificate in a PEM bundle; throws if there is none or one does not parse. */
export function parseCertificates(pem: string, flag: string): X509Certificate[] {
    const blocks = pem.match(CERTIFICATE_BLOCK) ?? [];
    if (blocks.length === 0) {
        throw new ToolError(`${flag} holds no PEM certificate`);
    }
    return blocks.map((block, index) => {
        try {
            return new X509Certificate(block);
        } catch {
            throw new ToolError(`${flag}: certificate ${index + 1} of ${blocks.length} does not parse`);
        }
    });
}

function covers(cert: X509Certificate, name: string): boolean {
    return isIP(name) === 0
        ? cert.checkHost(name, { subject: 'never' }) !== undefined
        : cert.checkIP(name) !== undefined;
}

function expiryWarnings(certs: readonly X509Certificate[], flag: string, now: Date): string[] {
    return certs.flatMap((cert) => {
        const problem = validityProblem(cert, now);
        return problem === undefined ? [] : [`${flag}: certificate "${cert.subject.replace(/\n/g, ', ')}" ${problem}`];
    });
}

/**
 * Checks the --tls-root-cert bundle: it should hold a CA, or the server certificate itself. Only in the
 * second case can the server name (the address host) be checked against the SANs. Returns warnings.
 */
export function checkRootCert(pem: string, serverName: string | undefined, now = new Date()): string[] {
    const flag = '--tls-root-cert';
    const certs = parseCertificates(pem, flag);
    const warnings = expiryWarnings(certs, flag, now);
    if (serverName !== undefined && !certs.some((cert) => cert.ca) && !certs.some((cert) => covers(cert, serverName))) {
        warnings.push(
            `${flag} is a server certificate whose SANs do not include "${serverName}"; the peer will reject the TLS handshake`,
        );
    }
    return warnings;
}

function parsePrivateKey(pem: string): KeyObject {
    try {
        return createPrivateKey(pem);
    } catch {
        throw new ToolError('--client-key holds no unencrypted private key that parses');
    }
}

/** Checks that the client key belongs to the client certificate (throws if not). Returns warnings. */
export function checkClientPair(certPem: string, keyPem: string, now = new Date()): string[] {
    const flag = '--client-cert';
    const [cert] = parseCertificates(certPem, flag);
    const key = parsePrivateKey(keyPem);
    if (cert === undefined || !cert.checkPrivateKey(key)) {
        throw new ToolError('--client-key does not match --client-cert (they are from different key pairs)');
    }
    const warnings = expiryWarnings([cert], flag, now);
    const usages = cert.keyUsage as readonly string[] | undefined;
    if (usages !== undefined && !usages.includes(CLIENT_AUTH_EKU) && !usages.includes(ANY_EKU)) {
        warnings.push(`${flag} lacks the clientAuth extended key usage; TLS servers built on OpenSSL reject it`);
    }
    warnings.push('--client-key is stored in clear inside the package: treat the package file as a secret');
    return warnings;
}
