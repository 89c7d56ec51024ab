// SPDX-License-Identifier: Apache-2.0
//
// Measures one target on one workload: fresh server child, warm-up, then a measured run with
// the server's CPU time, its peak RSS, latency percentiles and the driver's own CPU load.

import { within } from '../src/testing/within.ts';
import { LoadDriver } from './driver.ts';
import type { Workload } from './options.ts';
import { RssSampler, ServerChild, type SpawnOptions, type TargetName } from './target.ts';

export interface Measurement {
    readonly target: TargetName;
    readonly workload: Workload;
    readonly completed: number;
    readonly failed: number;
    readonly txPerSec: number;
    readonly p50Ms: number;
    readonly p99Ms: number;
    /** Server CPU (user + system) per measured transaction, µs. */
    readonly cpuMicrosPerTx: number;
    /** Server CPU over the measured window, % of one core. */
    readonly serverCpuPercent: number;
    /** The driver's CPU over the measured window, % of one core (near 100: the driver is the limit). */
    readonly driverCpuPercent: number;
    /** Peak RSS of the server from start to end of the measured run, bytes. */
    readonly rssMax: number;
    /** Why the row is incomplete, if it is. */
    readonly problem: string | undefined;
    /** How many runs were combined (medians; RSS is the maximum), and the spread of CPU µs/tx over them. */
    readonly runs: number;
    readonly cpuMicrosPerTxRange: readonly [number, number];
}

/** The nearest-rank percentile of `sorted` (ascending). */
export function percentile(sorted: Float64Array, p: number): number {
    if (sorted.length === 0) {
        return Number.NaN;
    }
    return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))] ?? Number.NaN;
}

/** Starts the target's server, runs the workload against it and stops it; never throws for a failing target. */
export async function measure(
    target: TargetName,
    workload: Workload,
    timeoutMs: number,
    spawn: SpawnOptions = {},
): Promise<Measurement> {
    const deadline = Date.now() + timeoutMs;
    const remaining = (): number => Math.max(1, deadline - Date.now());
    let child: ServerChild | undefined;
    let driver: LoadDriver | undefined;
    try {
        child = await ServerChild.start(target, { ...spawn, startTimeoutMs: remaining() });
        const server = child;
        driver = await within(
            LoadDriver.connect({ address: server.address, streams: workload.s, inFlight: workload.c, k: workload.k }),
            `${target}: handshake`,
            remaining(),
        );
        const rss = new RssSampler(server);
        const warm = await driver.run(workload.warmup, remaining());
        if (warm.timedOut || warm.failed > 0) {
            rss.stop();
            return failedMeasurement(target, workload, warm.firstFailure ?? 'warm-up timed out');
        }
        const before = await server.stats();
        const driverBefore = process.cpuUsage();
        const run = await driver.run(workload.n, remaining());
        const driverCpu = process.cpuUsage(driverBefore);
        const after = await server.stats();
        const rssMax = Math.max(rss.stop(), after.rss);
        const sorted = Float64Array.from(run.latenciesMs).sort();
        const serverMicros = after.cpuMicros - before.cpuMicros;
        return {
            target,
            workload,
            completed: run.completed,
            failed: run.failed,
            txPerSec: run.completed / run.seconds,
            p50Ms: percentile(sorted, 0.5),
            p99Ms: percentile(sorted, 0.99),
            cpuMicrosPerTx: serverMicros / Math.max(1, run.completed),
            serverCpuPercent: serverMicros / 1e4 / run.seconds,
            driverCpuPercent: (driverCpu.user + driverCpu.system) / 1e4 / run.seconds,
            rssMax,
            problem: run.timedOut
                ? `timed out after ${run.completed} of ${workload.n}`
                : run.failed > 0
                  ? `${run.failed} failed: ${run.firstFailure ?? ''}`
                  : undefined,
            runs: 1,
            cpuMicrosPerTxRange: [serverMicros / Math.max(1, run.completed), serverMicros / Math.max(1, run.completed)],
        };
    } catch (err) {
        return failedMeasurement(target, workload, err instanceof Error ? err.message : String(err));
    } finally {
        driver?.close();
        await child?.stop(Math.min(10_000, remaining()));
        child?.kill();
    }
}

function failedMeasurement(target: TargetName, workload: Workload, problem: string): Measurement {
    return {
        target,
        workload,
        completed: 0,
        failed: 0,
        txPerSec: Number.NaN,
        p50Ms: Number.NaN,
        p99Ms: Number.NaN,
        cpuMicrosPerTx: Number.NaN,
        serverCpuPercent: Number.NaN,
        driverCpuPercent: Number.NaN,
        rssMax: Number.NaN,
        problem,
        runs: 1,
        cpuMicrosPerTxRange: [Number.NaN, Number.NaN],
    };
}

function median(values: readonly number[]): number {
    const sorted = Float64Array.from(values).sort();
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/**
 * Combines repeated runs of one target and workload: the median of each rate and latency, the
 * largest RSS. A failed run makes the whole result failed (its problem is kept).
 */
export function combine(runs: readonly Measurement[]): Measurement {
    const [first] = runs;
    if (first === undefined) {
        throw new Error('nothing to combine');
    }
    const failed = runs.find((m) => m.problem !== undefined);
    if (failed !== undefined) {
        return failed;
    }
    const cpu = runs.map((m) => m.cpuMicrosPerTx);
    const pick = (value: (m: Measurement) => number): number => median(runs.map(value));
    return {
        ...first,
        completed: runs.reduce((sum, m) => sum + m.completed, 0),
        failed: 0,
        txPerSec: pick((m) => m.txPerSec),
        p50Ms: pick((m) => m.p50Ms),
        p99Ms: pick((m) => m.p99Ms),
        cpuMicrosPerTx: median(cpu),
        serverCpuPercent: pick((m) => m.serverCpuPercent),
        driverCpuPercent: pick((m) => m.driverCpuPercent),
        rssMax: Math.max(...runs.map((m) => m.rssMax)),
        runs: runs.length,
        cpuMicrosPerTxRange: [Math.min(...cpu), Math.max(...cpu)],
    };
}
