// SPDX-License-Identifier: Apache-2.0
//
// Reading the schema: every setting by its dotted key, the env names that set it, and the
// `key (env ..., flag ...)` name every error message uses.

import { ENV_ALIASES, FLAG_ALIASES, schema } from './schema.ts';

export interface SettingSpec {
    readonly doc: string;
    readonly format: unknown;
    readonly default: unknown;
    readonly env?: string;
    readonly arg?: string;
    /** Whole-number settings: the smallest and largest value accepted. */
    readonly min?: number;
    readonly max?: number;
    readonly sensitive?: boolean;
}

/** Every setting by its dotted key. */
export function flatSchema(): Record<string, SettingSpec> {
    const flat: Record<string, SettingSpec> = {};
    const walk = (node: object, prefix: string): void => {
        for (const [name, child] of Object.entries(node) as [string, unknown][]) {
            const key = prefix === '' ? name : `${prefix}.${name}`;
            if (typeof child === 'object' && child !== null && 'default' in child) {
                flat[key] = child as SettingSpec;
            } else if (typeof child === 'object' && child !== null) {
                walk(child, key);
            }
        }
    };
    walk(schema, '');
    return flat;
}

/** `tls.keyFile (env CHAINCODE_TLS_KEY or CORE_CHAINCODE_TLS_KEY_FILE, flag --chaincode-tls-key-file)` */
export function settingName(key: string): string {
    const spec = flatSchema()[key];
    if (spec === undefined) {
        return key;
    }
    const where: string[] = [];
    if (spec.env !== undefined) {
        where.push(`env ${envNames(spec).join(' or ')}`);
    }
    if (spec.arg !== undefined) {
        where.push(`flag --${spec.arg}`);
    }
    return where.length > 0 ? `${key} (${where.join(', ')})` : key;
}

/** The flags that set a setting (its own, then fabric-shim's name for it); empty when it has none. */
export function flagNames(spec: SettingSpec): string[] {
    return spec.arg === undefined ? [] : [spec.arg, ...(FLAG_ALIASES[spec.arg] ?? [])];
}

/** The env vars that set a setting, in order of precedence; empty when it has none. */
export function envNames(spec: SettingSpec): string[] {
    return spec.env === undefined ? [] : [spec.env, ...(ENV_ALIASES[spec.env] ?? [])];
}
