// SPDX-License-Identifier: Apache-2.0
//
// Certificates generated per test run: an EC P-256 CA, server certificates with
// localhost/127.0.0.1 SANs, and client certificates (optionally expired, or carrying
// the Fabric CA attribute extension). Nothing secret-looking is committed.

import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import * as x509 from '@peculiar/x509';
import { FABRIC_ATTRIBUTES_OID } from '../shim/client-identity.ts';
import type { CreatorIdentity } from './proposal-builder.ts';

x509.cryptoProvider.set(webcrypto);

const EC = { name: 'ECDSA', namedCurve: 'P-256' } as const;
const SIGNING = { name: 'ECDSA', hash: 'SHA-256' } as const;
const DAY_MS = 24 * 60 * 60 * 1000;
/** The Fabric CA attribute extension: JSON {"attrs": {...}}. */
export { FABRIC_ATTRIBUTES_OID } from '../shim/client-identity.ts';

export interface KeyAndCert {
    /** PKCS#8 private key, PEM. */
    readonly key: string;
    /** X.509 certificate, PEM. */
    readonly cert: string;
}

export interface CertificateAuthority extends KeyAndCert {
    issue(options: IssueOptions): Promise<KeyAndCert>;
}

export interface IssueOptions {
    readonly commonName: string;
    /** DNS names and IP addresses for the SAN; servers need the host they are dialled on. */
    readonly hosts?: readonly string[];
    readonly usage: 'server' | 'client';
    /** Validity window; the default is yesterday to a year from now. */
    readonly notBefore?: Date;
    readonly notAfter?: Date;
    /** Fabric CA attributes, written as the 1.2.3.4.5.6.7.8.1 extension. */
    readonly attributes?: Readonly<Record<string, string>>;
    readonly organizationalUnit?: string;
}

async function exportKey(key: webcrypto.CryptoKey): Promise<string> {
    const der = await webcrypto.subtle.exportKey('pkcs8', key);
    return x509.PemConverter.encode(der, 'PRIVATE KEY');
}

function isIpAddress(host: string): boolean {
    return /^[\d.]+$/.test(host) || host.includes(':');
}

/** Creates a fresh CA whose `issue()` signs server and client certificates. */
export async function createCertificateAuthority(name = 'Test CA'): Promise<CertificateAuthority> {
    const keys = await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
    const subject = `C=US, O=fabric-ccaas-template tests, CN=${name}`;
    const caCert = await x509.X509CertificateGenerator.createSelfSigned({
        name: subject,
        keys,
        signingAlgorithm: SIGNING,
        notBefore: new Date(Date.now() - DAY_MS),
        notAfter: new Date(Date.now() + 365 * DAY_MS),
        extensions: [
            new x509.BasicConstraintsExtension(true, undefined, true),
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.keyCertSign | x509.KeyUsageFlags.cRLSign, true),
            await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
        ],
    });

    async function issue(options: IssueOptions): Promise<KeyAndCert> {
        const leafKeys = await webcrypto.subtle.generateKey(EC, true, ['sign', 'verify']);
        const extensions: x509.Extension[] = [
            new x509.BasicConstraintsExtension(false),
            new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyAgreement, true),
            new x509.ExtendedKeyUsageExtension([
                options.usage === 'server' ? x509.ExtendedKeyUsage.serverAuth : x509.ExtendedKeyUsage.clientAuth,
            ]),
            await x509.AuthorityKeyIdentifierExtension.create(caCert),
        ];
        const hosts = options.hosts ?? [];
        if (hosts.length > 0) {
            extensions.push(
                new x509.SubjectAlternativeNameExtension(
                    hosts.map((host) => ({ type: isIpAddress(host) ? 'ip' : 'dns', value: host })),
                ),
            );
        }
        if (options.attributes) {
            const json = JSON.stringify({ attrs: options.attributes });
            extensions.push(new x509.Extension(FABRIC_ATTRIBUTES_OID, false, new TextEncoder().encode(json)));
        }
        const ou = options.organizationalUnit ? `, OU=${options.organizationalUnit}` : '';
        const cert = await x509.X509CertificateGenerator.create({
            subject: `C=US, O=fabric-ccaas-template tests${ou}, CN=${options.commonName}`,
            issuer: caCert.subject,
            publicKey: leafKeys.publicKey,
            signingKey: keys.privateKey,
            signingAlgorithm: SIGNING,
            notBefore: options.notBefore ?? new Date(Date.now() - DAY_MS),
            notAfter: options.notAfter ?? new Date(Date.now() + 365 * DAY_MS),
            extensions,
        });
        return { key: await exportKey(leafKeys.privateKey), cert: cert.toString('pem') };
    }

    return { key: await exportKey(keys.privateKey), cert: caCert.toString('pem'), issue };
}

export interface TlsFixture {
    readonly ca: CertificateAuthority;
    readonly server: KeyAndCert;
    readonly client: KeyAndCert;
}

/** A CA with a server certificate for localhost/127.0.0.1 and a client certificate. */
export async function createTlsFixture(): Promise<TlsFixture> {
    const ca = await createCertificateAuthority();
    const server = await ca.issue({ commonName: 'chaincode', hosts: ['localhost', '127.0.0.1'], usage: 'server' });
    const client = await ca.issue({ commonName: 'peer0', usage: 'client' });
    return { ca, server, client };
}

/** A transaction-signing identity of Org1MSP, issued by a fresh CA: what a fake peer signs proposals as by default. */
export async function createTestCreator(): Promise<CreatorIdentity> {
    const ca = await createCertificateAuthority('ca.org1.example.com');
    const user = await ca.issue({ commonName: 'User1@org1.example.com', usage: 'client' });
    return { mspid: 'Org1MSP', certificate: user.cert, privateKey: user.key };
}
