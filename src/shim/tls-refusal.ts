// SPDX-License-Identifier: Apache-2.0
//
// Why a TLS client was turned away, in words an operator can act on: OpenSSL's verification
// codes and Node's handshake error codes mapped to one short reason each.

/** Verification codes meaning the client's certificate does not chain to the trusted client CA. */
const UNTRUSTED_ISSUER = new Set([
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'UNABLE_TO_GET_ISSUER_CERT',
    'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
    'SELF_SIGNED_CERT_IN_CHAIN',
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'CERT_SIGNATURE_FAILURE',
    'CERT_CHAIN_TOO_LONG',
]);

const REASONS: Readonly<Record<string, string>> = {
    CERT_HAS_EXPIRED: 'client certificate expired',
    CERT_NOT_YET_VALID: 'client certificate is not yet valid',
    CERT_REVOKED: 'client certificate is revoked',
    INVALID_PURPOSE: 'client certificate is not valid for client authentication',
    ERR_SSL_WRONG_VERSION_NUMBER: 'not a TLS client (plaintext or another protocol?)',
    ERR_SSL_HTTP_REQUEST: 'not a TLS client (plaintext HTTP)',
    ERR_SSL_PEER_DID_NOT_RETURN_A_CERTIFICATE: 'no client certificate',
    ERR_SSL_NO_SHARED_CIPHER: 'no cipher in common with the client',
    ERR_SSL_UNSUPPORTED_PROTOCOL: 'the client offers only TLS versions older than 1.2',
    ECONNRESET: 'the client closed the connection during the handshake',
};

/**
 * The reason for refusing a client whose certificate failed verification, from the
 * `authorizationError` code Node sets on the socket (an OpenSSL X509_V_ERR name).
 */
export function certificateRefusalReason(code: string, presentedCertificate: boolean): string {
    if (!presentedCertificate) {
        return 'no client certificate';
    }
    if (UNTRUSTED_ISSUER.has(code)) {
        return 'client certificate is not signed by the trusted CA';
    }
    return REASONS[code] ?? `client certificate refused (${code})`;
}

/** The reason for a handshake that failed before verification, from the error's `code`. */
export function handshakeRefusalReason(code: string | undefined, message: string): string {
    if (code === undefined) {
        return firstLine(message);
    }
    const known = REASONS[code];
    if (known !== undefined) {
        return known;
    }
    // The client ended the handshake with a TLS alert, e.g. UNKNOWN_CA when it does not trust our certificate.
    const alert = /^ERR_SSL_(?:TLSV1|TLSV13|SSLV3)_ALERT_(\w+)$/.exec(code)?.[1];
    if (alert !== undefined) {
        return `the client aborted the handshake with the alert "${alert.toLowerCase().replace(/_/g, ' ')}"`;
    }
    return firstLine(message);
}

function firstLine(text: string): string {
    return text.split('\n')[0] ?? text;
}

/** `host:port` of a socket's far end, or a stand-in saying it was already gone. */
export function describeRemote(address: string | undefined, port: number | undefined): string {
    if (address === undefined) {
        return 'unknown (closed before its address was read)';
    }
    return address.includes(':') ? `[${address}]:${String(port)}` : `${address}:${String(port)}`;
}
