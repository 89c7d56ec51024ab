// SPDX-License-Identifier: Apache-2.0
//
// Renders connection.json and metadata.json exactly as Helm's toPrettyJson would (Go's json.MarshalIndent
// with two-space indent, keys sorted, no trailing newline), so the chart and this tool produce the same bytes.

/** What goes into connection.json; see docs/deploy-to-a-peer.md and docs/external-builders.md §6. */
export interface ConnectionOptions {
    /** host:port the peer dials. May hold {{.key}} placeholders for the builder to render. */
    readonly address: string;
    /** Go duration string, e.g. "10s". */
    readonly dialTimeout: string;
    /** PEM the peer uses to verify the chaincode server; TLS is on when present. */
    readonly rootCert?: string;
    /** PEM certificate and key the peer presents as TLS client; mutual TLS is on when present. */
    readonly clientCert?: string;
    readonly clientKey?: string;
    /** TLS server name override, read only by Fabric >= 3.0 peers. */
    readonly domain?: string;
}

/** The chaincode package type Fabric's ccaas_builder and builders/bin/detect claim. */
export const PACKAGE_TYPE = 'ccaas';

// Go's encoder escapes these for safe embedding in HTML; JSON.stringify does not.
const GO_ESCAPES: Readonly<Record<string, string>> = {
    '<': '\\u003c',
    '>': '\\u003e',
    '&': '\\u0026',
    '\u2028': '\\u2028',
    '\u2029': '\\u2029',
};

/** JSON of a flat object with sorted keys, two-space indent and Go's escaping, without a trailing newline. */
export function toPrettyJson(value: Readonly<Record<string, string | boolean>>): string {
    const sorted = Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return JSON.stringify(sorted, null, 2).replace(/[<>&\u2028\u2029]/g, (c) => GO_ESCAPES[c] ?? c);
}

/** The connection.json the peer reads from the release directory. */
export function renderConnectionJson(options: ConnectionOptions): string {
    const tls = options.rootCert !== undefined;
    const clientAuth = options.clientCert !== undefined || options.clientKey !== undefined;
    const fields: Record<string, string | boolean> = {
        address: options.address,
        dial_timeout: options.dialTimeout,
        tls_required: tls,
        client_auth_required: clientAuth,
    };
    if (options.rootCert !== undefined) {
        fields.root_cert = options.rootCert;
    }
    if (options.clientCert !== undefined) {
        fields.client_cert = options.clientCert;
    }
    if (options.clientKey !== undefined) {
        fields.client_key = options.clientKey;
    }
    if (options.domain !== undefined) {
        fields.domain = options.domain;
    }
    return toPrettyJson(fields);
}

/** The metadata.json of a ccaas package. */
export function renderMetadataJson(label: string): string {
    return toPrettyJson({ label, type: PACKAGE_TYPE });
}
