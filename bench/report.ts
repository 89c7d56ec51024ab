// SPDX-License-Identifier: Apache-2.0
//
// Markdown tables for the results: one line per target and row, the ours/fabric-shim,
// ours/floor and contract/ours ratios, and where ours stands against the performance goals
// listed in BENCHMARKS.md.

import type { Measurement } from './measure.ts';
import type { Workload } from './options.ts';

/** A Markdown table with columns padded for reading in a terminal. */
export function markdownTable(headers: readonly string[], rows: readonly (readonly string[])[]): string {
    const widths = headers.map((header, i) => Math.max(header.length, ...rows.map((row) => (row[i] ?? '').length)));
    const line = (cells: readonly string[]): string =>
        `| ${cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join(' | ')} |`;
    return [line(headers), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

function fixed(value: number, digits: number): string {
    return Number.isFinite(value) ? value.toFixed(digits) : 'n/a';
}

const MIB = 1024 * 1024;

export function rowLabel(workload: Workload): string {
    return `C=${workload.c} K=${workload.k} S=${workload.s}`;
}

/** One line per measurement. */
export function resultsTable(measurements: readonly Measurement[]): string {
    return markdownTable(
        [
            'target',
            'workload',
            'runs × tx',
            'tx/s',
            'p50 ms',
            'p99 ms',
            'server CPU µs/tx',
            'min–max',
            'server CPU %',
            'RSS max MiB',
            'driver CPU %',
            'note',
        ],
        measurements.map((m) => [
            m.target,
            rowLabel(m.workload),
            `${m.runs} × ${Math.round(m.completed / m.runs)}`,
            fixed(m.txPerSec, 0),
            fixed(m.p50Ms, 2),
            fixed(m.p99Ms, 2),
            fixed(m.cpuMicrosPerTx, 0),
            `${fixed(m.cpuMicrosPerTxRange[0], 0)}–${fixed(m.cpuMicrosPerTxRange[1], 0)}`,
            fixed(m.serverCpuPercent, 0),
            fixed(m.rssMax / MIB, 1),
            fixed(m.driverCpuPercent, 0),
            m.problem ?? '',
        ]),
    );
}

function find(measurements: readonly Measurement[], target: string, workload: Workload): Measurement | undefined {
    return measurements.find((m) => m.target === target && m.workload === workload && m.problem === undefined);
}

function hasTarget(measurements: readonly Measurement[], target: string): boolean {
    return measurements.some((m) => m.target === target);
}

function ratio(ours: number | undefined, other: number | undefined): string {
    return ours === undefined || other === undefined ? 'n/a' : `${fixed(ours / other, 2)}×`;
}

/** The pairs the ratios table divides: ours against each other server, the contract runtime against ours. */
const RATIOS = [
    ['ours', 'fabric-shim'],
    ['ours', 'floor'],
    ['contract', 'ours'],
] as const;

/** ours/fabric-shim, ours/floor and contract/ours for CPU per tx, tx/s, p99 and RSS, per workload. */
export function ratiosTable(measurements: readonly Measurement[], workloads: readonly Workload[]): string {
    const rows = workloads.flatMap((workload) =>
        RATIOS.filter(([a, b]) => hasTarget(measurements, a) && hasTarget(measurements, b)).map(([a, b]) => {
            const one = find(measurements, a, workload);
            const other = find(measurements, b, workload);
            return [
                rowLabel(workload),
                `${a}/${b}`,
                ratio(one?.cpuMicrosPerTx, other?.cpuMicrosPerTx),
                ratio(one?.txPerSec, other?.txPerSec),
                ratio(one?.p99Ms, other?.p99Ms),
                ratio(one?.rssMax, other?.rssMax),
            ];
        }),
    );
    return markdownTable(['workload', 'ratio', 'CPU µs/tx', 'tx/s', 'p99', 'RSS max'], rows);
}

/** The performance goals (BENCHMARKS.md) that this run can judge, each with the measured value and a verdict. */
export function goalsTable(measurements: readonly Measurement[], workloads: readonly Workload[]): string {
    const rows: string[][] = [];
    const verdict = (ok: boolean): string => (ok ? 'met' : 'not met');
    for (const workload of workloads) {
        const ours = find(measurements, 'ours', workload);
        const shim = find(measurements, 'fabric-shim', workload);
        const floor = find(measurements, 'floor', workload);
        if (ours === undefined || workload.s !== 1) {
            continue;
        }
        if (workload.c === 16 && floor !== undefined) {
            const r = ours.cpuMicrosPerTx / floor.cpuMicrosPerTx;
            rows.push([rowLabel(workload), 'server CPU/tx ≤ 1.25× floor', `${fixed(r, 2)}×`, verdict(r <= 1.25)]);
        }
        if (workload.c === 16 && shim !== undefined) {
            const r = ours.cpuMicrosPerTx / shim.cpuMicrosPerTx;
            rows.push([rowLabel(workload), 'server CPU/tx ≤ 0.5× fabric-shim', `${fixed(r, 2)}×`, verdict(r <= 0.5)]);
        }
        if (workload.c === 64 && shim !== undefined) {
            rows.push([
                rowLabel(workload),
                'p99 below fabric-shim',
                `${fixed(ours.p99Ms, 2)} vs ${fixed(shim.p99Ms, 2)} ms`,
                verdict(ours.p99Ms < shim.p99Ms),
            ]);
        }
    }
    return markdownTable(['workload', 'goal', 'measured', 'verdict'], rows);
}
