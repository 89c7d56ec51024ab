// SPDX-License-Identifier: Apache-2.0
//
// The command line: every flag the schema declares, plus --config and --help. Anything else
// (a misspelt flag, a flag without its value, a stray argument) stops start-up naming it.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from './config-error.ts';
import { flatSchema } from './settings.ts';

export interface Flags {
    /** Setting key → the value its flag gave (the last one when repeated). */
    readonly settings: Readonly<Record<string, string>>;
    /** `--config a.json,b.json`, as given. */
    readonly config: string | undefined;
    readonly help: boolean;
}

/** Parses `args` against the schema's flags; throws ConfigError naming every argument it does not know. */
export function parseFlags(args: readonly string[]): Flags {
    const keyOfFlag = new Map<string, string>();
    for (const [key, spec] of Object.entries(flatSchema())) {
        if (spec.arg !== undefined) {
            keyOfFlag.set(spec.arg, key);
        }
    }
    const options: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h' } };
    for (const name of [...keyOfFlag.keys(), 'config']) {
        options[name] = { type: 'string' };
    }
    const { tokens } = parseArgs({
        args: [...args],
        options,
        strict: false,
        allowPositionals: true,
        tokens: true,
    });
    const problems: string[] = [];
    const settings: Record<string, string> = {};
    let config: string | undefined;
    let help = false;
    for (const [index, token] of tokens.entries()) {
        const previous = tokens[index - 1];
        if (token.kind === 'positional' && previous?.kind === 'option' && previous.value === undefined) {
            // the value of the unknown flag just reported (parseArgs cannot know it takes one)
        } else if (token.kind === 'positional') {
            problems.push(`unexpected argument "${token.value}" (settings are given as --flag value)`);
        } else if (token.kind === 'option' && token.name === 'help') {
            help ||= token.value === undefined;
            if (token.value !== undefined) {
                problems.push(`${token.rawName} takes no value`);
            }
        } else if (token.kind === 'option' && (token.name === 'config' || keyOfFlag.has(token.name))) {
            if (token.value === undefined) {
                problems.push(`${token.rawName} needs a value`);
            } else if (token.name === 'config') {
                config = token.value;
            } else {
                settings[keyOfFlag.get(token.name) ?? token.name] = token.value;
            }
        } else if (token.kind === 'option') {
            problems.push(`unknown flag ${token.rawName}`);
        }
    }
    if (problems.length > 0 && !help) {
        throw new ConfigError(`${problems.join('; ')}; --help lists every flag`);
    }
    return { settings, config, help };
}
