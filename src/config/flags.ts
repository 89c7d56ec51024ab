// SPDX-License-Identifier: Apache-2.0
//
// The command line: every flag the schema declares, plus --config and --help. Anything else
// (a misspelt flag, a flag without its value, a stray argument) stops start-up naming it.

import { parseArgs, type ParseArgsConfig } from 'node:util';
import { ConfigError } from './config-error.ts';
import { flagNames, flatSchema } from './settings.ts';

export interface Flags {
    /** Setting key → the value its flag gave (the last one when repeated). */
    readonly settings: Readonly<Record<string, string>>;
    /** `--config a.json,b.json`, as given. */
    readonly config: string | undefined;
    readonly help: boolean;
}

/** Parses `args` against the schema's flags; throws ConfigError naming every argument it does not know. */
export function parseFlags(args: readonly string[]): Flags {
    const keyOfFlag = flagKeys();
    const { tokens } = parseArgs({
        args: [...args],
        options: parseOptions(keyOfFlag),
        strict: false,
        allowPositionals: true,
        tokens: true,
    });
    const reading: Reading = { settings: {}, config: undefined, help: false, problems: [] };
    for (const [index, token] of tokens.entries()) {
        if (token.kind === 'positional') {
            readPositional(token.value, tokens[index - 1], reading);
        } else if (token.kind === 'option') {
            readOption(token, keyOfFlag, reading);
        }
    }
    if (reading.problems.length > 0 && !reading.help) {
        throw new ConfigError(`${reading.problems.join('; ')}; --help lists every flag`);
    }
    return { settings: reading.settings, config: reading.config, help: reading.help };
}

/** One token of parseArgs's output. */
type Token = NonNullable<ReturnType<typeof parseArgs>['tokens']>[number];
type OptionToken = Extract<Token, { kind: 'option' }>;

/** What the tokens read so far have given. */
interface Reading {
    readonly settings: Record<string, string>;
    config: string | undefined;
    help: boolean;
    readonly problems: string[];
}

/** Flag name → the setting key it sets, for every setting the schema gives a flag. */
function flagKeys(): Map<string, string> {
    const keyOfFlag = new Map<string, string>();
    for (const [key, spec] of Object.entries(flatSchema())) {
        for (const flag of flagNames(spec)) {
            keyOfFlag.set(flag, key);
        }
    }
    return keyOfFlag;
}

function parseOptions(keyOfFlag: ReadonlyMap<string, string>): NonNullable<ParseArgsConfig['options']> {
    const options: NonNullable<ParseArgsConfig['options']> = { help: { type: 'boolean', short: 'h' } };
    for (const name of [...keyOfFlag.keys(), 'config']) {
        options[name] = { type: 'string' };
    }
    return options;
}

function readPositional(value: string, previous: Token | undefined, reading: Reading): void {
    // The value of the unknown flag just reported (parseArgs cannot know it takes one).
    if (previous?.kind === 'option' && previous.value === undefined) {
        return;
    }
    reading.problems.push(`unexpected argument "${value}" (settings are given as --flag value)`);
}

function readOption(token: OptionToken, keyOfFlag: ReadonlyMap<string, string>, reading: Reading): void {
    if (token.name === 'help') {
        reading.help ||= token.value === undefined;
        if (token.value !== undefined) {
            reading.problems.push(`${token.rawName} takes no value`);
        }
    } else if (token.name !== 'config' && !keyOfFlag.has(token.name)) {
        reading.problems.push(`unknown flag ${token.rawName}`);
    } else if (token.value === undefined) {
        reading.problems.push(`${token.rawName} needs a value`);
    } else if (token.name === 'config') {
        reading.config = token.value;
    } else {
        reading.settings[keyOfFlag.get(token.name) ?? token.name] = token.value;
    }
}
