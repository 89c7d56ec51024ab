// SPDX-License-Identifier: Apache-2.0
//
// Turns the TLS settings into checked PEM material: the server's key, certificate and
// client CA, and in client mode the peer's root certificate and our client pair.

import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { settingName } from './schema.ts';
import { errorMessage } from '../shim/errors.ts';
import { ConfigError } from './config-error.ts';

/** The server's TLS material, read and checked. */
export interface TlsConfig {
    readonly key: Buffer;
    readonly cert: Buffer;
    readonly clientCa: Buffer | undefined;
}

export interface TlsSettings {
    readonly disabled: boolean | null;
    readonly keyFile: string | null;
    readonly certFile: string | null;
    readonly clientCaFile: string | null;
    readonly key: string | null;
    readonly cert: string | null;
    readonly clientCa: string | null;
}

export function resolveTls(tls: TlsSettings): TlsConfig | undefined {
    const key = pemSetting(tls.keyFile, tls.key, 'tls.keyFile', 'tls.key');
    const cert = pemSetting(tls.certFile, tls.cert, 'tls.certFile', 'tls.cert');
    const clientCa = pemSetting(tls.clientCaFile, tls.clientCa, 'tls.clientCaFile', 'tls.clientCa');
    if (tls.disabled === true) {
        return undefined;
    }
    if (key === undefined && cert === undefined) {
        if (tls.disabled === false) {
            throw new ConfigError(
                `${settingName('tls.disabled')}: TLS is requested but no key and certificate are set: ${settingName('tls.keyFile')} and ${settingName('tls.certFile')}`,
            );
        }
        if (clientCa !== undefined) {
            throw new ConfigError(
                `${settingName('tls.clientCaFile')}: a client CA needs TLS: set ${settingName('tls.keyFile')} and ${settingName('tls.certFile')} too`,
            );
        }
        return undefined;
    }
    if (key === undefined) {
        throw new ConfigError(`${settingName('tls.keyFile')}: a TLS certificate is set but no key`);
    }
    if (cert === undefined) {
        throw new ConfigError(`${settingName('tls.certFile')}: a TLS key is set but no certificate`);
    }
    checkKeyMatchesCert(key, cert);
    return { key, cert, clientCa };
}

function checkKeyMatchesCert(key: Buffer, cert: Buffer): void {
    let matches: boolean;
    try {
        matches = new X509Certificate(cert).checkPrivateKey(createPrivateKey(key));
    } catch (err) {
        throw new ConfigError(
            `${settingName('tls.keyFile')}: cannot read the TLS key or certificate: ${errorMessage(err)}`,
            {
                cause: err,
            },
        );
    }
    if (!matches) {
        throw new ConfigError(
            `${settingName('tls.keyFile')}: the TLS key does not match the certificate in ${settingName('tls.certFile')}`,
        );
    }
}

function pemSetting(
    file: string | null,
    inline: string | null,
    fileKey: string,
    inlineKey: string,
): Buffer | undefined {
    if (file !== null && inline !== null) {
        throw new ConfigError(`${settingName(fileKey)}: set either it or ${settingName(inlineKey)}, not both`);
    }
    if (file !== null) {
        return readFileSync(file);
    }
    return inline === null ? undefined : Buffer.from(inline, 'utf8');
}

interface PeerTlsSettings {
    readonly tlsEnabled: boolean;
    readonly rootCertFile: string | null;
    readonly clientKeyFile: string | null;
    readonly clientCertFile: string | null;
    readonly clientKeyBase64File: string | null;
    readonly clientCertBase64File: string | null;
}

/** Client mode: what we present to the peer and how we check its certificate. */
export interface PeerTlsConfig {
    readonly rootCert: Buffer;
    readonly clientKey: Buffer | undefined;
    readonly clientCert: Buffer | undefined;
}

/** Client mode TLS: the peer's root certificate, and our client pair for mutual TLS (PEM or base64-of-PEM files). */
export function resolvePeerTls(peer: PeerTlsSettings): PeerTlsConfig | undefined {
    if (!peer.tlsEnabled) {
        return undefined;
    }
    if (peer.rootCertFile === null) {
        throw new ConfigError(
            `${settingName('peer.rootCertFile')}: ${settingName('peer.tlsEnabled')} is true but no root certificate of the peer is set`,
        );
    }
    const clientKey = clientPem(
        peer.clientKeyFile,
        peer.clientKeyBase64File,
        'peer.clientKeyFile',
        'peer.clientKeyBase64File',
    );
    const clientCert = clientPem(
        peer.clientCertFile,
        peer.clientCertBase64File,
        'peer.clientCertFile',
        'peer.clientCertBase64File',
    );
    if ((clientKey === undefined) !== (clientCert === undefined)) {
        throw new ConfigError(
            `${settingName(clientKey === undefined ? 'peer.clientKeyFile' : 'peer.clientCertFile')}: mutual TLS needs both a client key and a client certificate`,
        );
    }
    return { rootCert: readFileSync(peer.rootCertFile), clientKey, clientCert };
}

/** A PEM file, or a file holding the base64 of a PEM (how the peer hands client credentials to chaincode). */
function clientPem(
    pemFile: string | null,
    base64File: string | null,
    pemKey: string,
    base64Key: string,
): Buffer | undefined {
    if (pemFile !== null) {
        return readFileSync(pemFile);
    }
    if (base64File === null) {
        return undefined;
    }
    let pem: Buffer;
    try {
        pem = Buffer.from(readFileSync(base64File, 'utf8').trim(), 'base64');
    } catch (err) {
        throw new ConfigError(`${settingName(base64Key)}: cannot read the file: ${errorMessage(err)}`, { cause: err });
    }
    if (!pem.toString('utf8').includes('-----BEGIN ')) {
        throw new ConfigError(
            `${settingName(base64Key)}: the file does not hold base64 of a PEM block (use ${pemKey} for plain PEM)`,
        );
    }
    return pem;
}
