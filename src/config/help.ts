// SPDX-License-Identifier: Apache-2.0
//
// The --help text, generated from the schema: every setting with its doc, env vars, flag,
// accepted values and default, so it can never drift from what the loader accepts.

import { formatDescription } from './formats.ts';
import { envNames, flagNames, flatSchema, type SettingSpec } from './settings.ts';

/** The full --help text, ending with a newline. */
export function helpText(): string {
    const lines = [
        'Usage: node dist/main.js [--flag value ...]',
        '',
        'Serves the chaincode to a Fabric peer. Every setting can come from a JSON config file',
        '(--config a.json,b.json or env CHAINCODE_CONFIG_FILE), an env var or a flag; precedence:',
        'default < file < env < flag. Where several env vars are listed, the first one set wins.',
        'A wrong value stops start-up with exit code 1 naming the setting.',
        '',
        'Settings:',
    ];
    for (const [key, spec] of Object.entries(flatSchema())) {
        lines.push('', `  ${key}`, `      ${spec.doc}`);
        const where = [
            spec.env === undefined ? 'no env var' : `env ${envNames(spec).join(', ')}`,
            spec.arg === undefined
                ? 'no flag'
                : `flag ${flagNames(spec)
                      .map((flag) => `--${flag}`)
                      .join(', ')}`,
        ];
        lines.push(`      ${where.join('; ')}`);
        lines.push(`      accepts: ${accepted(spec)}; default: ${defaultText(spec)}`);
    }
    lines.push('', '  --help, -h', '      Prints this text and exits.', '');
    return lines.join('\n');
}

function accepted(spec: SettingSpec): string {
    if (Array.isArray(spec.format)) {
        return `one of ${spec.format.map(String).join(', ')}`;
    }
    if (spec.min !== undefined && spec.max !== undefined) {
        return `a whole number of ${String(spec.format)} from ${String(spec.min)} to ${String(spec.max)}`;
    }
    return typeof spec.format === 'string' ? (formatDescription(spec.format) ?? spec.format) : 'text';
}

function defaultText(spec: SettingSpec): string {
    if (spec.default === null) {
        return 'unset';
    }
    return typeof spec.default === 'string' ? spec.default : JSON.stringify(spec.default);
}
