// SPDX-License-Identifier: Apache-2.0
//
// Loads every setting (declared in schema.ts): defaults < config files < env < flags.
// Fabric's several env names for one setting are resolved here; a bad value stops start-up
// with a message naming the setting, its env var and the problem.

import { parseArgs } from 'node:util';
import convict from 'convict';
import { ENV_ALIASES, LOG_LEVELS, flatSchema, schema, settingName } from './schema.ts';
import { resolvePeerTls, resolveTls, type PeerTlsConfig, type TlsConfig } from './tls-material.ts';
import { errorMessage } from '../shim/errors.ts';
import { ConfigError } from './config-error.ts';

export type { TlsConfig } from './tls-material.ts';

/** The package ID used when none is configured: fine for a laptop, never for a peer. */
export const DEVELOPMENT_CHAINCODE_ID =
    'dev-chaincode:0000000000000000000000000000000000000000000000000000000000000000';

/** Client (dev) mode: where the peer is and how to dial it. */
export interface PeerDialConfig {
    readonly address: string;
    readonly tls: PeerTlsConfig | undefined;
    readonly keepaliveMs: number;
    readonly reconnectInitialMs: number;
    readonly reconnectMaxMs: number;
}

export interface Config {
    readonly chaincode: {
        readonly id: string;
        readonly address: string;
        readonly mspId: string | undefined;
        /** A module to serve instead of the example chaincode. */
        readonly module: string | undefined;
        /** 0: off. */
        readonly executeTimeoutMs: number;
    };
    readonly mode: 'server' | 'client';
    /** Set in client mode only. */
    readonly peer: PeerDialConfig | undefined;
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
    for (const file of files) {
        try {
            settings.loadFile(file);
        } catch (err) {
            throw new ConfigError(
                `config file ${file} (env CHAINCODE_CONFIG_FILE, flag --config): cannot load it: ${errorMessage(err)}`,
                { cause: err },
            );
        }
    }
    try {
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
    const chaincodeModule = settings.get('chaincode.module') as string | null;
    const mode = settings.get('mode');
    const config: Config = {
        chaincode: {
            id: id ?? DEVELOPMENT_CHAINCODE_ID,
            address: settings.get('chaincode.address'),
            mspId: mspId ?? undefined,
            module: chaincodeModule ?? undefined,
            executeTimeoutMs: settings.get('chaincode.executeTimeoutMs'),
        },
        mode,
        peer: mode === 'client' ? resolvePeerDial(settings.get('peer')) : undefined,
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

type PeerSettings = Parameters<typeof resolvePeerTls>[0] & {
    readonly address: string | null;
    readonly keepaliveMs: number;
    readonly reconnectInitialMs: number;
    readonly reconnectMaxMs: number;
};

function resolvePeerDial(peer: PeerSettings): PeerDialConfig {
    if (peer.address === null) {
        throw new ConfigError(
            `${settingName('peer.address')}: client mode needs the address of the peer's chaincode listener`,
        );
    }
    const scheme = /^(grpcs?):\/\//.exec(peer.address)?.[1];
    const tls = resolvePeerTls({ ...peer, tlsEnabled: peer.tlsEnabled || scheme === 'grpcs' });
    return {
        address: peer.address.replace(/^grpcs?:\/\//, ''),
        tls,
        keepaliveMs: peer.keepaliveMs,
        reconnectInitialMs: peer.reconnectInitialMs,
        reconnectMaxMs: Math.max(peer.reconnectMaxMs, peer.reconnectInitialMs),
    };
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
