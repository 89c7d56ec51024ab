// SPDX-License-Identifier: Apache-2.0
//
// The benchmark's command line: mode flags, workload overrides and the rows each mode runs.

import { parseArgs } from 'node:util';
import { TARGETS, type TargetName } from './target.ts';

/** One workload shape: C transactions in flight per stream, K reads and K writes each, S streams. */
export interface Workload {
    readonly c: number;
    readonly k: number;
    readonly s: number;
    /** Measured transactions, after `warmup` unmeasured ones. */
    readonly n: number;
    readonly warmup: number;
}

export interface BenchOptions {
    readonly mode: 'compare' | 'soak' | 'profile';
    readonly quick: boolean;
    readonly rows: readonly Workload[];
    readonly targets: readonly TargetName[];
    /** Runs per target and row; the table shows medians. */
    readonly repeat: number;
    /** Hard limit for one target on one row (start, warm-up and measurement), in ms. */
    readonly timeoutMs: number;
    /** Soak: sample RSS every this many transactions, and stop after this long. */
    readonly sampleEvery: number;
    readonly maxMinutes: number;
}

export const USAGE = `npm run bench [-- options]

  (no flag)          full comparison: C=16 K=1, C=16 K=5, C=64 K=1, C=16 K=1 S=4, 3 runs each (5-7 minutes)
  --quick            one row, C=16 K=1, 20000 transactions per target, one run (under a minute)
  --soak             1M transactions against ours only, sampling RSS (at most --max-minutes)
  --profile          ours under node --cpu-prof, then the top self-time functions
  --k N --c N --s N  one row with these values instead of the default rows
  --n N              measured transactions per target and row (--soak: total)
  --warmup N         unmeasured transactions before measuring
  --targets a,b      any of ${TARGETS.join(', ')}
  --repeat R         runs per target and row, medians reported (default 3; --quick 1)
  --timeout SEC      hard limit per target and row (default 180)
  --sample-every N   --soak: RSS sample interval in transactions (default 50000)
  --max-minutes M    --soak: time bound (default 20)
`;

function integer(value: string | undefined, name: string, fallback: number): number {
    if (value === undefined) {
        return fallback;
    }
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < 0) {
        throw new Error(`--${name} must be a non-negative integer, got "${value}"`);
    }
    return parsed;
}

/** Measured transactions per row when --n is not given: enough for a stable p99 in a few seconds. */
function defaultN(k: number, quick: boolean): number {
    if (quick) {
        return 20_000;
    }
    return k >= 5 ? 20_000 : 60_000;
}

/** Parses argv (without node and script); throws on a bad flag, with a message for the user. */
export function parseOptions(argv: readonly string[]): BenchOptions | 'help' {
    const { values } = parseArgs({
        args: [...argv],
        options: {
            quick: { type: 'boolean', default: false },
            soak: { type: 'boolean', default: false },
            profile: { type: 'boolean', default: false },
            help: { type: 'boolean', short: 'h', default: false },
            k: { type: 'string' },
            c: { type: 'string' },
            s: { type: 'string' },
            n: { type: 'string' },
            warmup: { type: 'string' },
            targets: { type: 'string' },
            repeat: { type: 'string' },
            timeout: { type: 'string' },
            'sample-every': { type: 'string' },
            'max-minutes': { type: 'string' },
        },
        strict: true,
    });
    if (values.help) {
        return 'help';
    }
    const mode = values.soak ? 'soak' : values.profile ? 'profile' : 'compare';
    const quick = values.quick;
    const custom = values.k !== undefined || values.c !== undefined || values.s !== undefined;
    const shape = (c: number, k: number, s: number): Workload => {
        const n = integer(values.n, 'n', mode === 'soak' ? 1_000_000 : defaultN(k, quick));
        const fallbackWarmup = mode === 'soak' ? 50_000 : Math.max(1_000, Math.round(n / 4));
        const workload = { c, k, s, n, warmup: integer(values.warmup, 'warmup', fallbackWarmup) };
        if (c < 1 || k < 1 || s < 1 || n < 1) {
            throw new Error('--c, --k, --s and --n must be at least 1');
        }
        return workload;
    };
    let rows: Workload[];
    if (custom || mode !== 'compare') {
        const k = integer(values.k, 'k', mode === 'profile' ? 5 : 1);
        rows = [shape(integer(values.c, 'c', 16), k, integer(values.s, 's', 1))];
    } else if (quick) {
        rows = [shape(16, 1, 1)];
    } else {
        rows = [shape(16, 1, 1), shape(16, 5, 1), shape(64, 1, 1), shape(16, 1, 4)];
    }
    const targets = (values.targets?.split(',') ?? (mode === 'compare' ? [...TARGETS] : ['ours'])).map((name) => {
        const target = TARGETS.find((known) => known === name.trim());
        if (target === undefined) {
            throw new Error(`unknown target "${name}"; known: ${TARGETS.join(', ')}`);
        }
        return target;
    });
    return {
        mode,
        quick,
        rows,
        targets,
        repeat: Math.max(1, integer(values.repeat, 'repeat', quick || mode !== 'compare' ? 1 : 3)),
        timeoutMs: integer(values.timeout, 'timeout', mode === 'soak' ? 0 : 180) * 1000,
        sampleEvery: Math.max(1, integer(values['sample-every'], 'sample-every', 50_000)),
        maxMinutes: integer(values['max-minutes'], 'max-minutes', 20),
    };
}
