// SPDX-License-Identifier: Apache-2.0
//
// Every setting, declared once as a convict schema: defaults < config files < env < flags.
// Fabric's several env names for one setting are resolved here; a bad value stops start-up
// with a message naming the setting, its env var and the problem.

import { X509Certificate, createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import convict from 'convict';
import { ConfigError, errorMessage } from './errors.ts';

/** The package ID used when none is configured: fine for a laptop, never for a peer. */
export const DEVELOPMENT_CHAINCODE_ID =
    'dev-chaincode:0000000000000000000000000000000000000000000000000000000000000000';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

convict.addFormat({
    name: 'chaincode-id',
    validate(value: unknown): void {
        if (value !== null && (typeof value !== 'string' || !/^\S+$/.test(value))) {
            throw new Error('must be a package ID such as mycc_1.0:<sha256>, without spaces');
        }
    },
});

convict.addFormat({
    name: 'host-port',
    validate(value: unknown): void {
        if (typeof value !== 'string' || parseHostPort(value) === undefined) {
            throw new Error('must be host:port with a port from 0 to 65535, e.g. 0.0.0.0:9999');
        }
    },
});

convict.addFormat({
    name: 'pem-file',
    validate(value: unknown): void {
        if (value === null) {
            return;
        }
        if (typeof value !== 'string' || value === '') {
            throw new Error('must be the path of a PEM file');
        }
        let text: string;
        try {
            text = readFileSync(value, 'utf8');
        } catch (err) {
            throw new Error(`cannot read the file: ${errorMessage(err)}`, { cause: err });
        }
        if (!text.includes('-----BEGIN ')) {
            throw new Error('the file holds no PEM block');
        }
    },
});

convict.addFormat({
    name: 'pem',
    validate(value: unknown): void {
        if (value !== null && (typeof value !== 'string' || !value.includes('-----BEGIN '))) {
            throw new Error('must be PEM text (-----BEGIN ...)');
        }
    },
});

convict.addFormat({
    name: 'strict-boolean',
    validate(value: unknown): void {
        if (value !== null && typeof value !== 'boolean') {
            throw new Error('must be true or false');
        }
    },
    coerce(value: unknown): unknown {
        const text = String(value).trim().toLowerCase();
        if (text === 'true' || text === '1') {
            return true;
        }
        if (text === 'false' || text === '0') {
            return false;
        }
        return value;
    },
});

const schema = {
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
    keepalive: {
        timeMs: {
            doc: 'Ping the peer after this long without traffic (ms).',
            format: 'nat',
            default: 60_000,
            env: 'CHAINCODE_KEEPALIVE_TIME_MS',
        },
        timeoutMs: {
            doc: 'Drop the connection when a ping is not answered within this long (ms).',
            format: 'nat',
            default: 20_000,
            env: 'CHAINCODE_KEEPALIVE_TIMEOUT_MS',
        },
    },
    grpc: {
        maxReceiveMessageBytes: {
            doc: 'Largest message accepted from the peer (bytes); the peer itself sends up to 100 MiB.',
            format: 'nat',
            default: 104_857_600,
            env: 'CHAINCODE_MAX_RECEIVE_MESSAGE_BYTES',
        },
        maxSendMessageBytes: {
            doc: 'Largest message sent to the peer (bytes); the peer accepts up to 100 MiB.',
            format: 'nat',
            default: 104_857_600,
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
            doc: 'On SIGTERM, how long transactions in flight may run before they are cut (ms).',
            format: 'nat',
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

/** The server's TLS material, read and checked. */
export interface TlsConfig {
    readonly key: Buffer;
    readonly cert: Buffer;
    readonly clientCa: Buffer | undefined;
}

export interface Config {
    readonly chaincode: { readonly id: string; readonly address: string; readonly mspId: string | undefined };
    /** True when no id was configured and {@link DEVELOPMENT_CHAINCODE_ID} is used. */
    readonly developmentId: boolean;
    readonly tls: TlsConfig | undefined;
    readonly keepalive: { readonly timeMs: number; readonly timeoutMs: number };
    readonly grpc: { readonly maxReceiveMessageBytes: number; readonly maxSendMessageBytes: number };
    readonly log: { readonly level: (typeof LOG_LEVELS)[number] };
    readonly sidecar: { readonly address: string };
    readonly shutdown: { readonly graceMs: number };
}

export interface LoadedConfig {
    readonly config: Config;
    /** Which env var or flag supplied each setting that was not left at its default. */
    readonly sources: Readonly<Record<string, string>>;
    /** The effective settings as JSON, secrets masked: for the start-up log. */
    readonly summary: string;
}

export interface LoadConfigInput {
    readonly env: Readonly<Record<string, string | undefined>>;
    readonly args: readonly string[];
}

/** Loads, merges and validates every setting; throws ConfigError naming the first bad ones. */
export function loadConfig({ env, args }: LoadConfigInput): LoadedConfig {
    const { env: resolvedEnv, sources } = resolveEnvAliases(env);
    const files = configFiles(env, args);
    const settings = convict(schema, { env: resolvedEnv, args: [...args] });
    try {
        for (const file of files) {
            settings.loadFile(file);
        }
        settings.validate({ allowed: 'strict' });
    } catch (err) {
        throw new ConfigError(describeErrors(errorMessage(err)), { cause: err });
    }
    for (const key of flagKeys(args)) {
        sources[key] = `--${String(flagName(key))}`;
    }
    // convict's types drop the null of nullable settings
    const id = settings.get('chaincode.id') as string | null;
    const mspId = settings.get('chaincode.mspId') as string | null;
    const config: Config = {
        chaincode: {
            id: id ?? DEVELOPMENT_CHAINCODE_ID,
            address: settings.get('chaincode.address'),
            mspId: mspId ?? undefined,
        },
        developmentId: id === null,
        tls: resolveTls(settings.get('tls')),
        keepalive: settings.get('keepalive'),
        grpc: settings.get('grpc'),
        log: settings.get('log'),
        sidecar: settings.get('sidecar'),
        shutdown: settings.get('shutdown'),
    };
    return { config, sources, summary: settings.toString() };
}

/** Splits `host:port` (IPv6 in brackets); undefined when it is not one. */
export function parseHostPort(address: string): { host: string; port: number } | undefined {
    const match = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):(\d{1,5})$/.exec(address);
    const port = Number(match?.[2]);
    if (match?.[1] === undefined || !Number.isInteger(port) || port > 65535) {
        return undefined;
    }
    return { host: match[1], port };
}

interface TlsSettings {
    readonly disabled: boolean | null;
    readonly keyFile: string | null;
    readonly certFile: string | null;
    readonly clientCaFile: string | null;
    readonly key: string | null;
    readonly cert: string | null;
    readonly clientCa: string | null;
}

function resolveTls(tls: TlsSettings): TlsConfig | undefined {
    const key = pemSetting(tls.keyFile, tls.key, 'tls.keyFile', 'tls.key');
    const cert = pemSetting(tls.certFile, tls.cert, 'tls.certFile', 'tls.cert');
    const clientCa = pemSetting(tls.clientCaFile, tls.clientCa, 'tls.clientCaFile', 'tls.clientCa');
    if (tls.disabled === true) {
        return undefined;
    }
    if (key === undefined && cert === undefined) {
        if (tls.disabled === false) {
            throw new ConfigError(
                `tls.disabled (env CHAINCODE_TLS_DISABLED): TLS is requested but no key and certificate are set: ${settingName('tls.keyFile')} and ${settingName('tls.certFile')}`,
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

/** Builds the env convict reads: each aliased setting under its primary name, remembering which name won. */
function resolveEnvAliases(env: LoadConfigInput['env']): {
    env: Record<string, string>;
    sources: Record<string, string>;
} {
    const resolved: Record<string, string> = {};
    for (const [name, value] of Object.entries(env)) {
        if (value !== undefined) {
            resolved[name] = value;
        }
    }
    const sources: Record<string, string> = {};
    for (const [key, spec] of Object.entries(flatSchema())) {
        if (spec.env === undefined) {
            continue;
        }
        const names = [spec.env, ...(ENV_ALIASES[spec.env] ?? [])];
        const winner = names.find((name) => (env[name] ?? '') !== '');
        if (winner !== undefined) {
            resolved[spec.env] = env[winner] ?? '';
            sources[key] = winner;
        } else {
            Reflect.deleteProperty(resolved, spec.env);
        }
    }
    return { env: resolved, sources };
}

/** Config files: `--config a.json,b.json` or CHAINCODE_CONFIG_FILE, loaded in order. */
function configFiles(env: LoadConfigInput['env'], args: readonly string[]): string[] {
    const { values } = parseArgs({ args: [...args], options: { config: { type: 'string' } }, strict: false });
    const list = typeof values.config === 'string' ? values.config : (env.CHAINCODE_CONFIG_FILE ?? '');
    return list
        .split(',')
        .map((file) => file.trim())
        .filter((file) => file !== '');
}

interface SettingSpec {
    readonly env?: string;
    readonly arg?: string;
}

function flatSchema(): Record<string, SettingSpec> {
    const flat: Record<string, SettingSpec> = {};
    for (const [group, settings] of Object.entries(schema)) {
        for (const [name, spec] of Object.entries(settings as Record<string, SettingSpec>)) {
            flat[`${group}.${name}`] = spec;
        }
    }
    return flat;
}

function flagName(key: string): string | undefined {
    return flatSchema()[key]?.arg;
}

function flagKeys(args: readonly string[]): string[] {
    return Object.entries(flatSchema())
        .filter(
            ([, spec]) =>
                spec.arg !== undefined && args.some((a) => a === `--${spec.arg}` || a.startsWith(`--${spec.arg}=`)),
        )
        .map(([key]) => key);
}

/** `tls.keyFile (env CHAINCODE_TLS_KEY or CORE_CHAINCODE_TLS_KEY_FILE, flag --chaincode-tls-key-file)` */
export function settingName(key: string): string {
    const spec = flatSchema()[key];
    if (spec === undefined) {
        return key;
    }
    const where: string[] = [];
    if (spec.env !== undefined) {
        where.push(`env ${[spec.env, ...(ENV_ALIASES[spec.env] ?? [])].join(' or ')}`);
    }
    if (spec.arg !== undefined) {
        where.push(`flag --${spec.arg}`);
    }
    return where.length > 0 ? `${key} (${where.join(', ')})` : key;
}

/** Rewrites convict's `key: problem` lines so each names the setting's env var and flag. */
function describeErrors(message: string): string {
    return message
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => {
            const unknown = /^configuration param '(.+)' not declared in the schema$/.exec(line);
            if (unknown?.[1] !== undefined) {
                return `${unknown[1]}: unknown setting in the config file`;
            }
            const match = /^([\w.]+): (.*)$/.exec(line);
            return match?.[1] !== undefined ? `${settingName(match[1])}: ${match[2] ?? ''}` : line;
        })
        .join('\n');
}
