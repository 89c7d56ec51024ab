// SPDX-License-Identifier: Apache-2.0
//
// Child processes of the local Fabric network: started detached with their output in a log file,
// waited on through a readiness probe, stopped by PID (with their process group); plus log tails.

import { execFile, spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync, statSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify, stripVTControlCharacters } from 'node:util';

const execFileAsync = promisify(execFile);

/** How a process of the network is started. */
export interface ProcessSpec {
    readonly name: string;
    readonly command: string;
    readonly args: readonly string[];
    readonly env: Readonly<Record<string, string>>;
    readonly logFile: string;
    readonly cwd?: string;
}

/** A started process: what the state file records of it. */
export interface ProcessRecord {
    readonly name: string;
    readonly pid: number;
    readonly logFile: string;
    /** Its start time (from /proc), so a PID reused by another process is never taken for it. */
    readonly startedAt: string;
}

/** State and start time of a PID from /proc/PID/stat; undefined when there is no such process. */
function procStat(pid: number): { state: string; startedAt: string } | undefined {
    try {
        const stat = readFileSync(`/proc/${String(pid)}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return { state: fields[0] ?? '', startedAt: fields[19] ?? '' };
    } catch {
        return undefined;
    }
}

/** Starts a process in its own process group, stdout and stderr appended to its log file. */
export function startProcess(spec: ProcessSpec): ProcessRecord {
    const fd = openSync(spec.logFile, 'a');
    try {
        const child = spawn(spec.command, [...spec.args], {
            env: { ...spec.env },
            cwd: spec.cwd,
            stdio: ['ignore', fd, fd],
            detached: true,
        });
        if (child.pid === undefined) {
            throw new Error(`cannot start ${spec.name} (${spec.command})`);
        }
        child.on('error', () => undefined);
        child.unref();
        return {
            name: spec.name,
            pid: child.pid,
            logFile: spec.logFile,
            startedAt: procStat(child.pid)?.startedAt ?? '',
        };
    } finally {
        closeSync(fd);
    }
}

/** True while the recorded process runs: its PID exists, is no zombie and has the recorded start time. */
export function isAlive(record: ProcessRecord): boolean {
    try {
        process.kill(record.pid, 0);
    } catch {
        return false;
    }
    const stat = procStat(record.pid);
    if (stat === undefined) {
        return record.startedAt === '';
    }
    return stat.state !== 'Z' && (record.startedAt === '' || stat.startedAt === record.startedAt);
}

/** Signals the process's group (it was started detached, as its leader), or the process alone; false when it is gone. */
function signal(record: ProcessRecord, name: NodeJS.Signals): boolean {
    for (const pid of [-record.pid, record.pid]) {
        try {
            process.kill(pid, name);
            return true;
        } catch {
            // no such group (or process): try the next
        }
    }
    return false;
}

/** Sends SIGTERM, waits up to `graceMs` for the exit, then SIGKILL. Resolves once it is gone. */
export async function stopProcess(record: ProcessRecord, graceMs = 10_000): Promise<void> {
    if (!isAlive(record)) {
        return;
    }
    if (!signal(record, 'SIGTERM')) {
        return;
    }
    const deadline = Date.now() + graceMs;
    while (isAlive(record) && Date.now() < deadline) {
        await sleep(50);
    }
    if (isAlive(record)) {
        if (!signal(record, 'SIGKILL')) {
            return;
        }
        for (let i = 0; i < 100 && isAlive(record); i++) {
            await sleep(20);
        }
    }
}

/**
 * Polls `probe` until it resolves true; fails when the process exits first or after `timeoutMs`,
 * with the tail of its log in the message.
 */
export async function waitUntilReady(
    record: ProcessRecord,
    probe: () => Promise<boolean>,
    timeoutMs = 30_000,
): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
        if (!isAlive(record)) {
            throw new Error(`${record.name} exited during start-up\n${tailLog(record.logFile)}`);
        }
        if (await probe().catch(() => false)) {
            return;
        }
        await sleep(100);
    }
    throw new Error(`${record.name} not ready after ${String(timeoutMs)} ms\n${tailLog(record.logFile)}`);
}

/** True when GET `url` answers 200. */
export async function httpOk(url: string): Promise<boolean> {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    await response.body?.cancel();
    return response.ok;
}

/**
 * True when a Fabric operations endpoint reports healthy. The Docker check is ignored: the peer
 * registers it whatever its configuration, and chaincode as a service never needs Docker.
 */
export async function fabricHealthy(url: string): Promise<boolean> {
    const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
    if (response.ok) {
        await response.body?.cancel();
        return true;
    }
    const body = (await response.json().catch(() => ({}))) as { failed_checks?: { component?: string }[] };
    return (body.failed_checks ?? [{}]).every((check) => check.component === 'docker');
}

/** The size of a log file now: where the next start of its process begins writing. */
export function logOffset(file: string): number {
    return existsSync(file) ? statSync(file).size : 0;
}

/** True when the log file contains `text` after byte `from`. */
export function logContains(file: string, text: string, from = 0): boolean {
    return existsSync(file) && readFileSync(file).subarray(from).includes(text);
}

/** The last `lines` lines of a log file, headed by its path. */
export function tailLog(file: string, lines = 40): string {
    if (!existsSync(file)) {
        return `--- ${file}: no log\n`;
    }
    const text = stripVTControlCharacters(readFileSync(file, 'utf8')).trimEnd().split('\n').slice(-lines).join('\n');
    return `--- last ${String(lines)} lines of ${file}\n${text}\n`;
}

/** Runs a Fabric command line tool to completion; fails with its output when it exits non-zero. */
export async function runTool(
    command: string,
    args: readonly string[],
    env: Readonly<Record<string, string>>,
    timeoutMs = 60_000,
): Promise<string> {
    try {
        const { stdout, stderr } = await execFileAsync(command, [...args], {
            env: { ...env },
            timeout: timeoutMs,
            maxBuffer: 64 * 1024 * 1024,
        });
        return `${stdout}${stderr}`;
    } catch (err) {
        const failed = err as { stdout?: string; stderr?: string; message: string };
        const output = `${failed.stdout ?? ''}${failed.stderr ?? ''}`.trim().split('\n').slice(-20).join('\n');
        throw new Error(`${command.split('/').pop() ?? command} ${args.slice(0, 3).join(' ')} failed:\n${output}`, {
            cause: err,
        });
    }
}
