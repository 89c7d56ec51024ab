// SPDX-License-Identifier: Apache-2.0
//
// The benchmark that checks our performance goals (BENCHMARKS.md): runs the chosen mode
// (comparison, soak or profile) and prints Markdown to stdout; progress goes to stderr.

import { mkdtempSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { combine, measure, type Measurement } from './measure.ts';
import { parseOptions, USAGE, type BenchOptions } from './options.ts';
import { summariseFile } from './profile-summary.ts';
import { goalsTable, ratiosTable, resultsTable, rowLabel } from './report.ts';
import { soak, soakReport } from './soak.ts';

function progress(line: string): void {
    process.stderr.write(`${line}\n`);
}

/** One line naming the machine and its load, so numbers are never read without it. */
export function machineLine(): string {
    const cpus = os.cpus();
    const load = os
        .loadavg()
        .map((value) => value.toFixed(2))
        .join(' ');
    return (
        `${new Date().toISOString()} · ${os.availableParallelism()} CPUs (${cpus[0]?.model.trim() ?? 'unknown'}) · ` +
        `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB · Node ${process.version} · load average before the run ${load}`
    );
}

async function compare(options: BenchOptions): Promise<number> {
    const measurements: Measurement[] = [];
    for (const workload of options.rows) {
        const runs = new Map(options.targets.map((target) => [target, [] as Measurement[]]));
        // Targets alternate within a row so a drift in machine load hits them all alike.
        for (let rep = 1; rep <= options.repeat; rep++) {
            for (const target of options.targets) {
                progress(
                    `${target}, ${rowLabel(workload)}, run ${rep}/${options.repeat}: ` +
                        `${workload.warmup} warm-up + ${workload.n} measured`,
                );
                const m = await measure(target, workload, options.timeoutMs);
                progress(
                    `  ${m.txPerSec.toFixed(0)} tx/s, p99 ${m.p99Ms.toFixed(2)} ms, ` +
                        `${m.cpuMicrosPerTx.toFixed(0)} µs CPU/tx, driver ${m.driverCpuPercent.toFixed(0)}% CPU` +
                        (m.problem ? ` (${m.problem})` : ''),
                );
                runs.get(target)?.push(m);
            }
        }
        for (const target of options.targets) {
            measurements.push(combine(runs.get(target) ?? []));
        }
    }
    const out = [
        `# Benchmark${options.quick ? ' (quick)' : ''}`,
        '',
        machineLine(),
        '',
        '## Results',
        '',
        resultsTable(measurements),
        '',
        '## Ratios',
        '',
        ratiosTable(measurements, options.rows),
        '',
        '## Goals',
        '',
        goalsTable(measurements, options.rows),
        '',
    ];
    process.stdout.write(out.join('\n'));
    return measurements.some((m) => m.problem !== undefined) ? 1 : 0;
}

async function profile(options: BenchOptions): Promise<number> {
    const out = ['# Profile', '', machineLine(), ''];
    let status = 0;
    for (const target of options.targets) {
        for (const workload of options.rows) {
            const dir = mkdtempSync(path.join(os.tmpdir(), `ccaas-bench-profile-${target}-`));
            progress(`${target}, ${rowLabel(workload)} under --cpu-prof (profile in ${dir})`);
            const m = await measure(target, workload, options.timeoutMs, {
                nodeFlags: ['--cpu-prof', `--cpu-prof-dir=${dir}`],
            });
            const files = readdirSync(dir).filter((name) => name.endsWith('.cpuprofile'));
            out.push(
                `## ${target}, ${rowLabel(workload)}`,
                '',
                'Measured under the profiler (slower than a plain run):',
                '',
            );
            out.push(resultsTable([m]), '');
            if (m.problem !== undefined || files.length === 0) {
                out.push(`No profile: ${m.problem ?? 'the child wrote none'}.`, '');
                status = 1;
                continue;
            }
            for (const file of files) {
                out.push(`Profile: ${path.join(dir, file)}`, '', summariseFile(path.join(dir, file)), '');
            }
        }
    }
    process.stdout.write(out.join('\n'));
    return status;
}

async function soakMode(options: BenchOptions): Promise<number> {
    const [workload] = options.rows;
    const [target] = options.targets;
    if (workload === undefined || target === undefined) {
        throw new Error('nothing to soak');
    }
    progress(`soak: ${target}, ${rowLabel(workload)}, ${workload.warmup} warm-up + ${workload.n} transactions`);
    const result = await soak(target, workload, options.sampleEvery, options.maxMinutes, progress);
    process.stdout.write(['# Soak', '', machineLine(), '', soakReport(result), ''].join('\n'));
    return result.failed > 0 || result.stoppedEarly !== undefined ? 1 : 0;
}

/** Runs the benchmark for `argv`; resolves with the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
    let options: BenchOptions | 'help';
    try {
        options = parseOptions(argv);
    } catch (err) {
        process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n\n${USAGE}`);
        return 2;
    }
    if (options === 'help') {
        process.stdout.write(USAGE);
        return 0;
    }
    switch (options.mode) {
        case 'soak':
            return soakMode(options);
        case 'profile':
            return profile(options);
        default:
            return compare(options);
    }
}
