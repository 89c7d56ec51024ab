// SPDX-License-Identifier: Apache-2.0
//
// Aggregates a V8 .cpuprofile (node --cpu-prof) by self time: per function and per file or
// package. Run directly: node <compiled>/bench/profile-summary.js FILE.cpuprofile [TOP].

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { markdownTable } from './report.ts';

interface CallFrame {
    readonly functionName: string;
    readonly url: string;
    readonly lineNumber: number;
}

interface ProfileNode {
    readonly id: number;
    readonly callFrame: CallFrame;
    readonly children?: readonly number[];
}

/** The parts of the .cpuprofile format we read. */
export interface CpuProfile {
    readonly nodes: readonly ProfileNode[];
    readonly startTime: number;
    readonly endTime: number;
    readonly samples: readonly number[];
    readonly timeDeltas: readonly number[];
}

export interface SelfTime {
    readonly name: string;
    readonly micros: number;
    /** Share of the busy (non-idle) time. */
    readonly share: number;
}

export interface ProfileSummary {
    readonly busyMicros: number;
    readonly idleMicros: number;
    readonly byFunction: readonly SelfTime[];
    readonly byFile: readonly SelfTime[];
    /** Inclusive (self + callees) time of this repository's functions (src/ and bench/). */
    readonly ownInclusive: readonly SelfTime[];
    /** For the top self-time functions outside our code: the nearest caller in src/, by time. */
    readonly ownCallers: readonly SelfTime[];
}

/** Where compiled benchmark code lives (see tsconfig.build.json). */
const CACHE_DIR = '/node_modules/.cache/ccaas-bench/';

/** Where a script comes from: `src/...` or `bench/...` for ours, the package name, `node:...`, or `(native)`. */
export function fileOf(url: string): string {
    if (url === '') {
        return '(native)';
    }
    if (url.startsWith('node:')) {
        return url;
    }
    const cached = url.indexOf(CACHE_DIR);
    if (cached >= 0) {
        return url.slice(cached + CACHE_DIR.length);
    }
    const pkg = /.*\/node_modules\/((?:@[^/]+\/)?[^/]+)\/(.*)$/.exec(url);
    if (pkg?.[1] !== undefined) {
        return `${pkg[1]} (${pkg[2] ?? ''})`;
    }
    const local = /\/((?:src|bench)\/.*)$/.exec(url);
    return local?.[1] ?? path.basename(url);
}

function sorted(times: Map<string, number>, busy: number, top: number): SelfTime[] {
    return [...times]
        .map(([name, micros]) => ({ name, micros, share: micros / busy }))
        .sort((a, b) => b.micros - a.micros)
        .slice(0, top);
}

function frameName(frame: CallFrame): string {
    return `${frame.functionName || '(anonymous)'} ${fileOf(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
}

function isOwn(frame: CallFrame): boolean {
    const file = fileOf(frame.url);
    return file.startsWith('src/') || file.startsWith('bench/');
}

function add(times: Map<string, number>, key: string, micros: number): void {
    times.set(key, (times.get(key) ?? 0) + micros);
}

/** Self time per function and per file, inclusive time of our own functions; '(idle)' is left out of the shares. */
export function summariseProfile(profile: CpuProfile, top = 25): ProfileSummary {
    const frames = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
    const parents = new Map<number, number>();
    for (const node of profile.nodes) {
        for (const child of node.children ?? []) {
            parents.set(child, node.id);
        }
    }
    const byFunction = new Map<string, number>();
    const byFile = new Map<string, number>();
    const ownInclusive = new Map<string, number>();
    const ownCallers = new Map<string, number>();
    let busy = 0;
    let idle = 0;
    const { samples, timeDeltas } = profile;
    const lastMicros = profile.endTime - profile.startTime - timeDeltas.reduce((sum, delta) => sum + delta, 0);
    for (let i = 0; i < samples.length; i++) {
        // A sample lasts until the next one; the last one until the profile's end.
        const micros = i + 1 < samples.length ? (timeDeltas[i + 1] ?? 0) : lastMicros;
        const id = samples[i] ?? -1;
        const frame = frames.get(id);
        if (frame === undefined || micros <= 0) {
            continue;
        }
        if (frame.functionName === '(idle)') {
            idle += micros;
            continue;
        }
        busy += micros;
        const self = frameName(frame);
        add(byFunction, self, micros);
        add(byFile, fileOf(frame.url), micros);
        const seen = new Set<string>();
        let nearestOwn: string | undefined;
        for (let node: number | undefined = id; node !== undefined; node = parents.get(node)) {
            const ancestor = frames.get(node);
            if (ancestor === undefined || !isOwn(ancestor)) {
                continue;
            }
            const name = frameName(ancestor);
            nearestOwn ??= name;
            if (!seen.has(name)) {
                seen.add(name);
                add(ownInclusive, name, micros);
            }
        }
        if (!isOwn(frame)) {
            add(ownCallers, `${self} ← ${nearestOwn ?? '(no caller in src/ or bench/)'}`, micros);
        }
    }
    return {
        busyMicros: busy,
        idleMicros: idle,
        byFunction: sorted(byFunction, busy, top),
        byFile: sorted(byFile, busy, top),
        ownInclusive: sorted(ownInclusive, busy, top),
        ownCallers: sorted(ownCallers, busy, top),
    };
}

/** The summary as Markdown: busy/idle time, then the two tables. */
export function formatSummary(summary: ProfileSummary): string {
    const rows = (times: readonly SelfTime[]): string[][] =>
        times.map((t) => [t.name, (t.micros / 1000).toFixed(0), `${(t.share * 100).toFixed(1)}%`]);
    return [
        `busy ${(summary.busyMicros / 1e6).toFixed(2)} s, idle ${(summary.idleMicros / 1e6).toFixed(2)} s (main thread)`,
        '',
        markdownTable(['function (self time)', 'ms', 'share of busy'], rows(summary.byFunction)),
        '',
        markdownTable(['file or package (self time)', 'ms', 'share of busy'], rows(summary.byFile)),
        '',
        markdownTable(['our function (inclusive time)', 'ms', 'share of busy'], rows(summary.ownInclusive)),
        '',
        markdownTable(['self time ← nearest caller in our code', 'ms', 'share of busy'], rows(summary.ownCallers)),
    ].join('\n');
}

/** Reads and summarises one .cpuprofile file. */
export function summariseFile(file: string, top = 25): string {
    return formatSummary(summariseProfile(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, top));
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href) {
    const [file, top] = process.argv.slice(2);
    if (file === undefined) {
        process.stderr.write('usage: profile-summary FILE.cpuprofile [TOP]\n');
        process.exitCode = 2;
    } else {
        process.stdout.write(`${summariseFile(file, Number(top ?? 25))}\n`);
    }
}
