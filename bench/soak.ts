// SPDX-License-Identifier: Apache-2.0
//
// The soak: a long bounded run against one server, sampling its RSS every N transactions,
// to show memory stays flat (the goal: RSS within 10% after warm-up over 1M transactions).

import { LoadDriver } from './driver.ts';
import { within } from '../src/testing/within.ts';
import type { Workload } from './options.ts';
import { markdownTable, rowLabel } from './report.ts';
import { ServerChild, type TargetName } from './target.ts';

export interface SoakSample {
    readonly transactions: number;
    readonly seconds: number;
    readonly rss: number;
    readonly heapUsed: number;
    /** Throughput over the interval since the previous sample. */
    readonly txPerSec: number;
}

export interface SoakResult {
    readonly target: TargetName;
    readonly workload: Workload;
    readonly samples: readonly SoakSample[];
    readonly failed: number;
    readonly firstFailure: string | undefined;
    /** Why the soak stopped before `workload.n`, if it did. */
    readonly stoppedEarly: string | undefined;
}

const MIB = 1024 * 1024;

/** Runs the warm-up, then `workload.n` transactions in chunks of `sampleEvery`, within `maxMinutes`. */
export async function soak(
    target: TargetName,
    workload: Workload,
    sampleEvery: number,
    maxMinutes: number,
    progress: (line: string) => void,
): Promise<SoakResult> {
    const deadline = Date.now() + maxMinutes * 60_000;
    const remaining = (): number => Math.max(1, deadline - Date.now());
    // Each sample follows a forced full GC, so it shows retained memory rather than how far the
    // heap had grown since the last collection (up to +13% RSS before this, with no growth).
    const child = await ServerChild.start(target, { nodeFlags: ['--expose-gc'] });
    const samples: SoakSample[] = [];
    let failed = 0;
    let firstFailure: string | undefined;
    let stoppedEarly: string | undefined;
    let driver: LoadDriver | undefined;
    try {
        driver = await within(
            LoadDriver.connect({ address: child.address, streams: workload.s, inFlight: workload.c, k: workload.k }),
            `${target}: handshake`,
            Math.min(60_000, remaining()),
        );
        const warm = await driver.run(workload.warmup, remaining());
        failed += warm.failed;
        firstFailure ??= warm.firstFailure;
        const started = performance.now();
        let done = 0;
        let last = await child.stats(true);
        samples.push({
            transactions: 0,
            seconds: 0,
            rss: child.rssFromProc() ?? last.rss,
            heapUsed: last.heapUsed,
            txPerSec: 0,
        });
        while (done < workload.n) {
            const chunk = Math.min(sampleEvery, workload.n - done);
            const run = await driver.run(chunk, remaining());
            done += run.completed;
            failed += run.failed;
            firstFailure ??= run.firstFailure;
            last = await child.stats(true);
            const sample: SoakSample = {
                transactions: done,
                seconds: (performance.now() - started) / 1000,
                rss: child.rssFromProc() ?? last.rss,
                heapUsed: last.heapUsed,
                txPerSec: run.completed / run.seconds,
            };
            samples.push(sample);
            progress(
                `soak: ${done} tx, RSS ${(sample.rss / MIB).toFixed(1)} MiB, heap ${(sample.heapUsed / MIB).toFixed(1)} MiB, ${sample.txPerSec.toFixed(0)} tx/s`,
            );
            if (run.timedOut) {
                stoppedEarly = `time bound of ${maxMinutes} min reached after ${done} transactions`;
                break;
            }
        }
    } catch (err) {
        stoppedEarly = err instanceof Error ? err.message : String(err);
    } finally {
        driver?.close();
        await child.stop();
    }
    return { target, workload, samples, failed, firstFailure, stoppedEarly };
}

/** Least-squares slope of y over x. */
function slope(points: readonly (readonly [number, number])[]): number {
    const n = points.length;
    const meanX = points.reduce((sum, [x]) => sum + x, 0) / n;
    const meanY = points.reduce((sum, [, y]) => sum + y, 0) / n;
    let num = 0;
    let den = 0;
    for (const [x, y] of points) {
        num += (x - meanX) * (y - meanY);
        den += (x - meanX) ** 2;
    }
    return den === 0 ? 0 : num / den;
}

/** The samples and the verdict: every sample after warm-up within 10% of the first. */
export function soakReport(result: SoakResult): string {
    const [first] = result.samples;
    const last = result.samples.at(-1);
    if (first === undefined || last === undefined) {
        return `soak of ${result.target} produced no samples: ${result.stoppedEarly ?? 'unknown error'}`;
    }
    const rss = result.samples.map((s) => s.rss);
    const max = Math.max(...rss);
    const min = Math.min(...rss);
    const stayed = max <= first.rss * 1.1 && min >= first.rss * 0.9;
    const trend = slope(result.samples.map((s) => [s.transactions, s.rss] as const));
    const table = markdownTable(
        ['tx', 'seconds', 'RSS MiB', 'heap used MiB', 'tx/s (interval)'],
        result.samples.map((s) => [
            String(s.transactions),
            s.seconds.toFixed(0),
            (s.rss / MIB).toFixed(1),
            (s.heapUsed / MIB).toFixed(1),
            s.transactions === 0 ? '' : s.txPerSec.toFixed(0),
        ]),
    );
    const mib = (bytes: number): string => `${(bytes / MIB).toFixed(1)} MiB`;
    return [
        `Soak of ${result.target}, ${rowLabel(result.workload)}, ${result.workload.warmup} warm-up then ${last.transactions} transactions in ${last.seconds.toFixed(0)} s`,
        'Every sample is taken right after a forced full GC (the server runs with --expose-gc).',
        '',
        table,
        '',
        `RSS after warm-up ${mib(first.rss)}, last ${mib(last.rss)}, max ${mib(max)}, min ${mib(min)}: ` +
            `${stayed ? 'stayed' : 'did NOT stay'} within 10% of the post-warm-up value ` +
            `(${(((max - first.rss) / first.rss) * 100).toFixed(1)}% above at most).`,
        `Trend (least-squares slope of RSS over transactions): ${((trend * 1e6) / MIB).toFixed(1)} MiB per million ` +
            `transactions; last sample ${(((last.rss - first.rss) / first.rss) * 100).toFixed(1)}% from the first.`,
        `Failed transactions: ${result.failed}${result.firstFailure ? ` (first: ${result.firstFailure})` : ''}.`,
        ...(result.stoppedEarly ? [`Stopped early: ${result.stoppedEarly}.`] : []),
    ].join('\n');
}
