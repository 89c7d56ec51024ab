// SPDX-License-Identifier: Apache-2.0
//
// Runs the built entry point (dist/main.js) as a child process, as `npm start` does, and
// reads the bound ports from its JSON log.

import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { TestContext } from 'node:test';

export const ENTRY_POINT = path.resolve(import.meta.dirname, '..', '..', 'dist', 'main.js');

/** The built fabric-contract-api example, for `CHAINCODE_MODULE`. */
export const CONTRACT_EXAMPLE_MODULE = path.resolve(
    import.meta.dirname,
    '..',
    '..',
    'dist',
    'examples',
    'asset-transfer-contract',
    'index.js',
);

export interface ChildServer {
    readonly child: ChildProcess;
    readonly grpcAddress: string;
    /** Every JSON log line so far. */
    readonly logs: Record<string, unknown>[];
    /** Resolves with the exit code. */
    readonly exited: Promise<number | null>;
    /** Resolves with the first log line (already seen or not) that matches. */
    readonly waitForLog: (predicate: (line: Record<string, unknown>) => boolean) => Promise<Record<string, unknown>>;
}

/** Starts `node dist/main.js` with `env` (plus PATH) on loopback ports picked by the OS. */
export async function startChildServer(
    t: TestContext,
    env: Record<string, string> = {},
    entryPoint = ENTRY_POINT,
    nodeArgs: readonly string[] = [],
): Promise<ChildServer> {
    const child = spawn(process.execPath, [...nodeArgs, entryPoint], {
        env: {
            PATH: process.env.PATH ?? '',
            CHAINCODE_SERVER_ADDRESS: '127.0.0.1:0',
            SIDECAR_ADDRESS: '127.0.0.1:0',
            ...env,
        },
        stdio: ['ignore', 'pipe', 'inherit'],
    });
    t.after(() => {
        if (child.exitCode === null && child.signalCode === null) {
            child.kill('SIGKILL');
        }
    });
    const logs: Record<string, unknown>[] = [];
    const waiters: {
        predicate: (line: Record<string, unknown>) => boolean;
        resolve: (line: Record<string, unknown>) => void;
    }[] = [];
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    createInterface({ input: child.stdout }).on('line', (text) => {
        let line: Record<string, unknown>;
        try {
            line = JSON.parse(text) as Record<string, unknown>;
        } catch {
            line = { msg: text };
        }
        logs.push(line);
        for (const waiter of waiters.filter((w) => w.predicate(line))) {
            waiters.splice(waiters.indexOf(waiter), 1);
            waiter.resolve(line);
        }
    });
    const waitForLog = (predicate: (line: Record<string, unknown>) => boolean): Promise<Record<string, unknown>> => {
        const seen = logs.find(predicate);
        return seen
            ? Promise.resolve(seen)
            : new Promise((resolve, reject) => {
                  waiters.push({ predicate, resolve });
                  void exited.then((code) => {
                      reject(new Error(`the server exited (code ${String(code)}) before the expected log line`));
                  });
              });
    };
    const listening = await waitForLog((line) => line.msg === 'chaincode server listening');
    return { child, grpcAddress: `127.0.0.1:${String(listening.port)}`, logs, exited, waitForLog };
}
