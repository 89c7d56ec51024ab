// SPDX-License-Identifier: Apache-2.0
//
// Every setting, declared once: doc, format, bounds, default, env var and flag. The formats
// are registered by formats.ts.

import { MAX_TIMER_MS } from './formats.ts';
import { PEER_MESSAGE_LIMIT } from '../wire/limits.ts';

/** 4 MiB, gRPC's default limit: a smaller one would refuse messages any gRPC endpoint passes. */
const MIN_MESSAGE_BYTES = 4 * 1024 * 1024;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

export const schema = {
    chaincode: {
        id: {
            doc: 'Package ID sent in REGISTER (label:sha256, as printed by `peer lifecycle chaincode install`).',
            format: 'chaincode-id',
            default: null as string | null,
            nullable: true,
            env: 'CHAINCODE_ID',
            arg: 'chaincode-id',
        },
        address: {
            doc: 'Address the gRPC server listens on.',
            format: 'host-port',
            default: '0.0.0.0:9999',
            env: 'CHAINCODE_SERVER_ADDRESS',
            arg: 'chaincode-address',
        },
        module: {
            doc: 'Module or package directory to serve instead of the example: it exports `contracts` (fabric-contract-api classes), `createChaincode()` or a `chaincode` object.',
            format: String,
            default: null as string | null,
            nullable: true,
            env: 'CHAINCODE_MODULE',
            arg: 'module-path',
        },
        executeTimeoutMs: {
            doc: "Answer 500 when a transaction runs longer than this (ms); 0 turns it off. Keep it below the peer's 30 s.",
            format: 'milliseconds',
            min: 0,
            max: MAX_TIMER_MS,
            default: 0,
            env: 'CHAINCODE_EXECUTE_TIMEOUT_MS',
        },
        mspId: {
            doc: "This peer organisation's MSP ID, returned by stub.getMspID().",
            format: String,
            default: null as string | null,
            nullable: true,
            env: 'CORE_PEER_LOCALMSPID',
        },
    },
    tls: {
        disabled: {
            doc: 'Forces TLS off (true) or on (false); unset: on when a key and certificate are given.',
            format: 'strict-boolean',
            default: null as boolean | null,
            nullable: true,
            env: 'CHAINCODE_TLS_DISABLED',
        },
        keyFile: {
            doc: 'Server private key, PEM file.',
            format: 'pem-file',
            default: null as string | null,
            nullable: true,
            env: 'CHAINCODE_TLS_KEY',
            arg: 'chaincode-tls-key-file',
        },
        certFile: {
            doc: 'Server certificate (chain), PEM file.',
            format: 'pem-file',
            default: null as string | null,
            nullable: true,
            env: 'CHAINCODE_TLS_CERT',
            arg: 'chaincode-tls-cert-file',
        },
        clientCaFile: {
            doc: "CA certificate(s) of the peers' client certificates, PEM file; turns on mutual TLS.",
            format: 'pem-file',
            default: null as string | null,
            nullable: true,
            env: 'CHAINCODE_CLIENT_CA_CERT',
            arg: 'chaincode-tls-client-cacert-file',
        },
        key: {
            doc: 'Server private key as inline PEM (instead of keyFile).',
            format: 'pem',
            default: null as string | null,
            nullable: true,
            sensitive: true,
            env: 'CHAINCODE_TLS_KEY_PEM',
        },
        cert: {
            doc: 'Server certificate as inline PEM (instead of certFile).',
            format: 'pem',
            default: null as string | null,
            nullable: true,
            env: 'CHAINCODE_TLS_CERT_PEM',
        },
        clientCa: {
            doc: 'Client CA certificate(s) as inline PEM (instead of clientCaFile).',
            format: 'pem',
            default: null as string | null,
            nullable: true,
            env: 'CHAINCODE_CLIENT_CA_CERT_PEM',
        },
    },
    mode: {
        doc: 'server: the peer dials us (chaincode as a service); client: we dial the peer (dev mode).',
        format: ['server', 'client'],
        default: 'server' as 'server' | 'client',
        env: 'CHAINCODE_MODE',
        arg: 'mode',
    },
    peer: {
        address: {
            doc: "Client mode: the peer's chaincode listener, host:port (usually port 7052).",
            format: 'optional-host-port',
            default: null as string | null,
            nullable: true,
            env: 'CORE_PEER_ADDRESS',
            arg: 'peer.address',
        },
        tlsEnabled: {
            doc: 'Client mode: dial the peer with TLS.',
            format: 'strict-boolean',
            default: false,
            env: 'CORE_PEER_TLS_ENABLED',
        },
        rootCertFile: {
            doc: "Client mode: CA certificate(s) of the peer's TLS certificate, PEM file.",
            format: 'pem-file',
            default: null as string | null,
            nullable: true,
            env: 'CORE_PEER_TLS_ROOTCERT_FILE',
        },
        clientKeyFile: {
            doc: 'Client mode, mutual TLS: our client key, PEM file.',
            format: 'pem-file',
            default: null as string | null,
            nullable: true,
            env: 'CORE_TLS_CLIENT_KEY_FILE',
        },
        clientCertFile: {
            doc: 'Client mode, mutual TLS: our client certificate, PEM file.',
            format: 'pem-file',
            default: null as string | null,
            nullable: true,
            env: 'CORE_TLS_CLIENT_CERT_FILE',
        },
        clientKeyBase64File: {
            doc: 'Client mode, mutual TLS: a file holding the base64 of our client key PEM (as the peer writes it).',
            format: String,
            default: null as string | null,
            nullable: true,
            env: 'CORE_TLS_CLIENT_KEY_PATH',
        },
        clientCertBase64File: {
            doc: 'Client mode, mutual TLS: a file holding the base64 of our client certificate PEM.',
            format: String,
            default: null as string | null,
            nullable: true,
            env: 'CORE_TLS_CLIENT_CERT_PATH',
        },
        keepaliveMs: {
            doc: 'Client mode: gRPC ping interval (ms); the peer closes connections that ping more often than every 60 s.',
            format: 'milliseconds',
            min: 60_000,
            max: MAX_TIMER_MS,
            default: 110_000,
            env: 'CORE_PEER_KEEPALIVE_MS',
        },
        reconnectInitialMs: {
            doc: 'Client mode: first wait before dialling the peer again (ms); doubles up to reconnectMaxMs, which must not be smaller.',
            format: 'milliseconds',
            min: 100,
            max: 600_000,
            default: 500,
            env: 'CHAINCODE_RECONNECT_INITIAL_MS',
        },
        reconnectMaxMs: {
            doc: 'Client mode: longest wait between dial attempts (ms).',
            format: 'milliseconds',
            min: 100,
            max: 600_000,
            default: 30_000,
            env: 'CHAINCODE_RECONNECT_MAX_MS',
        },
    },
    keepalive: {
        timeMs: {
            doc: 'Ping the peer after this long without traffic (ms); at least 5 s: faster pings only add load, a dead peer is noticed after timeMs + timeoutMs anyway.',
            format: 'milliseconds',
            min: 5_000,
            max: MAX_TIMER_MS,
            default: 60_000,
            env: 'CHAINCODE_KEEPALIVE_TIME_MS',
        },
        timeoutMs: {
            doc: 'Drop the connection when a ping is not answered within this long (ms); at least 1 s.',
            format: 'milliseconds',
            min: 1_000,
            max: MAX_TIMER_MS,
            default: 20_000,
            env: 'CHAINCODE_KEEPALIVE_TIMEOUT_MS',
        },
    },
    grpc: {
        maxReceiveMessageBytes: {
            doc: 'Largest message accepted from the peer (bytes): 4 MiB to 100 MiB, the most the peer sends.',
            format: 'bytes',
            min: MIN_MESSAGE_BYTES,
            max: PEER_MESSAGE_LIMIT,
            default: PEER_MESSAGE_LIMIT,
            env: 'CHAINCODE_MAX_RECEIVE_MESSAGE_BYTES',
        },
        maxSendMessageBytes: {
            doc: 'Largest message sent to the peer (bytes): 4 MiB to 100 MiB, the most the peer accepts.',
            format: 'bytes',
            min: MIN_MESSAGE_BYTES,
            max: PEER_MESSAGE_LIMIT,
            default: PEER_MESSAGE_LIMIT,
            env: 'CHAINCODE_MAX_SEND_MESSAGE_BYTES',
        },
    },
    log: {
        level: {
            doc: 'Log level.',
            format: LOG_LEVELS,
            default: 'info' as (typeof LOG_LEVELS)[number],
            env: 'LOG_LEVEL',
            arg: 'log-level',
        },
    },
    sidecar: {
        address: {
            doc: 'Address of the health and metrics HTTP server.',
            format: 'host-port',
            default: '0.0.0.0:9000',
            env: 'SIDECAR_ADDRESS',
            arg: 'sidecar-address',
        },
    },
    shutdown: {
        graceMs: {
            doc: 'On SIGTERM, how long transactions in flight may run before they are cut (ms); at most an hour.',
            format: 'milliseconds',
            min: 1,
            max: 3_600_000,
            default: 25_000,
            env: 'SHUTDOWN_GRACE_MS',
        },
    },
};

/** Other names deployers set for the same setting, in order of precedence after the primary one. */
export const ENV_ALIASES: Readonly<Record<string, readonly string[]>> = {
    CHAINCODE_ID: ['CORE_CHAINCODE_ID', 'CORE_CHAINCODE_ID_NAME'],
    CHAINCODE_SERVER_ADDRESS: ['CORE_CHAINCODE_ADDRESS'],
    CHAINCODE_TLS_KEY: ['CORE_CHAINCODE_TLS_KEY_FILE'],
    CHAINCODE_TLS_CERT: ['CORE_CHAINCODE_TLS_CERT_FILE'],
    CHAINCODE_CLIENT_CA_CERT: ['CORE_CHAINCODE_TLS_CLIENT_CACERT_FILE'],
};

/** Other flag names for a setting: fabric-shim's, so a chaincode started its way keeps its command line. */
export const FLAG_ALIASES: Readonly<Record<string, readonly string[]>> = {
    'chaincode-id': ['chaincode-id-name'],
};
