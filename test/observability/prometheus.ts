// SPDX-License-Identifier: Apache-2.0
//
// A real Prometheus for a test: the `prometheus` binary (Debian's package, from scripts/install-test-tools.sh)
// on a loopback port with its own config and a temporary TSDB, queried over its HTTP API and stopped by PID.

import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { TestContext } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { freePort } from '../../src/testing/free-port.ts';

/** The binary's path when `name --version` runs, else undefined. */
export function findTool(name: 'prometheus' | 'promtool'): string | undefined {
    const result = spawnSync(name, ['--version'], { encoding: 'utf8', timeout: 10_000 });
    return result.status === 0 ? name : undefined;
}

/** One sample of an instant query: its labels and its value as Prometheus writes it ("1", "NaN", "+Inf"). */
export interface Sample {
    readonly metric: Readonly<Record<string, string>>;
    readonly value: string;
}

export interface RunningPrometheus {
    readonly url: string;
    /** Runs an instant query; throws with Prometheus' error for a query it rejects. */
    query(expr: string): Promise<Sample[]>;
    /** GETs an API path (e.g. `/api/v1/rules`) and returns its `data`. */
    api(pathAndQuery: string): Promise<unknown>;
    /** Polls `check` every 100 ms, at most `attempts` times, until it returns true; throws naming `what`. */
    waitFor(what: string, check: () => Promise<boolean>, attempts?: number): Promise<void>;
}

async function stop(child: ChildProcess, exited: Promise<unknown>): Promise<void> {
    if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) {
        return;
    }
    process.kill(child.pid, 'SIGTERM');
    const ended = await Promise.race([exited.then(() => true), sleep(10_000).then(() => false)]);
    if (!ended) {
        process.kill(child.pid, 'SIGKILL');
        await exited;
    }
}

/** Starts `prometheus` with `config` (YAML text) and resolves once it answers /-/ready. */
export async function startPrometheus(
    t: TestContext,
    binary: string,
    config: string,
    files: Readonly<Record<string, string>> = {},
): Promise<RunningPrometheus> {
    const dir = mkdtempSync(path.join(tmpdir(), 'ccaas-prometheus-'));
    for (const [name, text] of Object.entries(files)) {
        writeFileSync(path.join(dir, name), text);
    }
    writeFileSync(path.join(dir, 'prometheus.yml'), config);
    const port = await freePort();
    const child = spawn(
        binary,
        [
            `--config.file=${path.join(dir, 'prometheus.yml')}`,
            `--storage.tsdb.path=${path.join(dir, 'data')}`,
            `--web.listen-address=127.0.0.1:${String(port)}`,
            '--log.level=warn',
        ],
        // One OS thread for Go: the suite runs two test files at a time on small machines.
        { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { PATH: process.env.PATH ?? '', GOMAXPROCS: '1' } },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString();
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    t.after(async () => {
        await stop(child, exited);
        rmSync(dir, { recursive: true, force: true });
    });
    const url = `http://127.0.0.1:${String(port)}`;

    const api = async (pathAndQuery: string): Promise<unknown> => {
        const response = await fetch(url + pathAndQuery);
        const body = (await response.json()) as { status: string; data?: unknown; error?: string };
        assert.equal(body.status, 'success', `${pathAndQuery}: ${String(body.error)}`);
        return body.data;
    };
    const waitFor = async (what: string, check: () => Promise<boolean>, attempts = 300): Promise<void> => {
        for (let i = 0; i < attempts; i++) {
            if (child.exitCode !== null) {
                throw new Error(`prometheus exited (${String(child.exitCode)}):\n${stderr}`);
            }
            if (await check().catch(() => false)) {
                return;
            }
            await sleep(100);
        }
        throw new Error(`gave up waiting for ${what}; prometheus said:\n${stderr}`);
    };
    await waitFor('prometheus to be ready', async () => (await fetch(`${url}/-/ready`)).ok);
    return {
        url,
        api,
        waitFor,
        query: async (expr) => {
            const data = (await api(`/api/v1/query?query=${encodeURIComponent(expr)}`)) as {
                resultType: string;
                result: { metric: Record<string, string>; value: [number, string] }[];
            };
            assert.equal(data.resultType, 'vector', `${expr} is not an instant vector`);
            return data.result.map((r) => ({ metric: r.metric, value: r.value[1] }));
        },
    };
}
