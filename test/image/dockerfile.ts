// SPDX-License-Identifier: Apache-2.0
//
// A small reader for this repository's Dockerfile: its stages and their instructions, so tests can check the
// image's settings and reproduce the runtime stage without a Docker engine.

import { readFileSync } from 'node:fs';

export interface Instruction {
    /** Upper-cased keyword, e.g. COPY. */
    readonly keyword: string;
    /** Everything after the keyword, continuation lines joined. */
    readonly args: string;
}

export interface Stage {
    readonly name: string;
    readonly from: string;
    readonly instructions: readonly Instruction[];
}

export interface Dockerfile {
    /** ARG defaults declared before the first FROM. */
    readonly globalArgs: Readonly<Record<string, string>>;
    readonly stages: readonly Stage[];
}

/** One COPY instruction, split into its flags, sources and destination. */
export interface CopyInstruction {
    readonly from: string | undefined;
    readonly sources: readonly string[];
    readonly destination: string;
}

export function readDockerfile(path: string): Dockerfile {
    const lines = readFileSync(path, 'utf8').split('\n');
    const instructions: Instruction[] = [];
    let pending = '';
    for (const line of lines) {
        if (pending === '' && /^\s*(#|$)/.test(line)) {
            continue;
        }
        pending += line.replace(/\\$/, ' ');
        if (line.endsWith('\\')) {
            continue;
        }
        const match = /^\s*(\w+)\s+(.*)$/.exec(pending.trim());
        if (match?.[1] !== undefined && match[2] !== undefined) {
            instructions.push({ keyword: match[1].toUpperCase(), args: match[2].trim() });
        }
        pending = '';
    }
    const globalArgs: Record<string, string> = {};
    const stages: { name: string; from: string; instructions: Instruction[] }[] = [];
    for (const instruction of instructions) {
        const current = stages.at(-1);
        if (instruction.keyword === 'FROM') {
            const [image = '', as, name] = instruction.args.split(/\s+/);
            stages.push({
                name: as?.toUpperCase() === 'AS' && name !== undefined ? name : String(stages.length),
                from: image,
                instructions: [],
            });
        } else if (current === undefined) {
            if (instruction.keyword === 'ARG') {
                const [key = '', value = ''] = instruction.args.split('=', 2);
                globalArgs[key] = value;
            }
        } else {
            current.instructions.push(instruction);
        }
    }
    return { globalArgs, stages };
}

/** The base image of a stage, with ${ARG} references replaced by the global ARG defaults. */
export function baseImage(dockerfile: Dockerfile, stage: Stage): string {
    return stage.from.replace(/\$\{?(\w+)\}?/g, (_, name: string) => dockerfile.globalArgs[name] ?? '');
}

export function instructionsOf(stage: Stage, keyword: string): string[] {
    return stage.instructions.filter((i) => i.keyword === keyword).map((i) => i.args);
}

/** The last WORKDIR of a stage. */
export function workdirOf(stage: Stage): string {
    return instructionsOf(stage, 'WORKDIR').at(-1) ?? '/';
}

export function parseCopy(args: string): CopyInstruction {
    const words = args.split(/\s+/);
    let from: string | undefined;
    const paths: string[] = [];
    for (const word of words) {
        if (word.startsWith('--from=')) {
            from = word.slice('--from='.length);
        } else if (!word.startsWith('--')) {
            paths.push(word);
        }
    }
    const destination = paths.pop();
    if (destination === undefined || paths.length === 0) {
        throw new Error(`COPY ${args}: needs at least one source and a destination`);
    }
    return { from, sources: paths, destination };
}
