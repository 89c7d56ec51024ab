// SPDX-License-Identifier: Apache-2.0
//
// A benchmark server in its own child process: spawn it, learn its port, read its CPU and
// memory over IPC and /proc, and stop it (only ever the child we started, by its handle).

import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FromChild, ToChild } from './servers/child.ts';

export const TARGETS = ['ours', 'contract', 'fabric-shim', 'floor'] as const;
export type TargetName = (typeof TARGETS)[number];

const SCRIPTS: Record<TargetName, string> = {
    ours: 'ours',
    contract: 'contract',
    'fabric-shim': 'fabric-shim',
    floor: 'raw-floor',
};

/** CPU time and memory of the child at one instant. */
export interface ChildStats {
    readonly cpuMicros: number;
    readonly rss: number;
    readonly heapUsed: number;
}

export interface SpawnOptions {
    /** Extra node flags for the child, e.g. --cpu-prof. */
    readonly nodeFlags?: readonly string[];
    readonly startTimeoutMs?: number;
}

const here = path.dirname(fileURLToPath(import.meta.url));
/** .js when running compiled (npm run bench), .ts under tsx. */
const extension = path.extname(fileURLToPath(import.meta.url));

export class ServerChild {
    readonly name: TargetName;
    readonly port: number;
    readonly #child: ChildProcess;
    readonly #exited: Promise<void>;
    #statsWaiters: ((stats: ChildStats) => void)[] = [];

    private constructor(name: TargetName, port: number, child: ChildProcess, exited: Promise<void>) {
        this.name = name;
        this.port = port;
        this.#child = child;
        this.#exited = exited;
        child.on('message', (message: FromChild) => {
            if (message.type === 'stats') {
                const stats = {
                    cpuMicros: message.userMicros + message.systemMicros,
                    rss: message.rss,
                    heapUsed: message.heapUsed,
                };
                for (const wake of this.#statsWaiters.splice(0)) {
                    wake(stats);
                }
            }
        });
    }

    /** Forks the target's server and resolves once it listens. */
    static async start(name: TargetName, options: SpawnOptions = {}): Promise<ServerChild> {
        const script = path.join(here, 'servers', `${SCRIPTS[name]}${extension}`);
        const child = fork(script, [], {
            // --no-deprecation: fabric-shim calls grpc-js's deprecated Server.start().
            execArgv: [
                ...(extension === '.ts' ? ['--import', 'tsx'] : []),
                '--no-deprecation',
                ...(options.nodeFlags ?? []),
            ],
            env: { ...process.env, CORE_CHAINCODE_LOGGING_LEVEL: 'ERROR' },
            stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
        });
        const exited = new Promise<void>((resolve) => {
            child.once('exit', () => {
                resolve();
            });
        });
        let timer: NodeJS.Timeout | undefined;
        try {
            const port = await new Promise<number>((resolve, reject) => {
                timer = setTimeout(() => {
                    reject(new Error(`${name} did not start listening in time`));
                }, options.startTimeoutMs ?? 30_000);
                child.on('message', (message: FromChild) => {
                    if (message.type === 'listening') {
                        resolve(message.port);
                    }
                });
                child.once('exit', (code, signal) => {
                    reject(new Error(`${name} exited before listening (code ${code}, signal ${signal})`));
                });
            });
            return new ServerChild(name, port, child, exited);
        } catch (err) {
            child.kill('SIGKILL');
            throw err;
        } finally {
            clearTimeout(timer);
        }
    }

    get pid(): number {
        return this.#child.pid ?? 0;
    }

    get address(): string {
        return `127.0.0.1:${this.port}`;
    }

    /**
     * The child's own CPU time (process.cpuUsage) and memory, over IPC. `collect`: after a full
     * GC, when the child was started with --expose-gc.
     */
    stats(collect = false): Promise<ChildStats> {
        return new Promise((resolve, reject) => {
            this.#statsWaiters.push(resolve);
            this.#send({ type: 'stats', collect });
            setTimeout(() => {
                reject(new Error(`${this.name} did not report its stats`));
            }, 5_000).unref();
        });
    }

    /** VmRSS from /proc without disturbing the child; undefined where /proc is missing. */
    rssFromProc(): number | undefined {
        try {
            const match = /^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${this.pid}/status`, 'latin1'));
            return match?.[1] === undefined ? undefined : Number(match[1]) * 1024;
        } catch {
            return undefined;
        }
    }

    /** Asks the child to exit (it writes its --cpu-prof profile then); kills it if it does not within `graceMs`. */
    async stop(graceMs = 10_000): Promise<void> {
        if (this.#child.exitCode !== null || this.#child.signalCode !== null) {
            return;
        }
        this.#send({ type: 'stop' });
        const timer = setTimeout(() => {
            this.#child.kill('SIGKILL');
        }, graceMs);
        await this.#exited;
        clearTimeout(timer);
    }

    /** Kills the child at once. */
    kill(): void {
        if (this.#child.exitCode === null && this.#child.signalCode === null) {
            this.#child.kill('SIGKILL');
        }
    }

    #send(message: ToChild): void {
        if (this.#child.connected) {
            this.#child.send(message);
        }
    }
}

/** Samples a child's RSS every `intervalMs` while running; reports the maximum seen. */
export class RssSampler {
    readonly #child: ServerChild;
    readonly #timer: NodeJS.Timeout;
    max = 0;

    constructor(child: ServerChild, intervalMs = 100) {
        this.#child = child;
        this.#sample();
        this.#timer = setInterval(() => {
            this.#sample();
        }, intervalMs);
    }

    stop(): number {
        clearInterval(this.#timer);
        this.#sample();
        return this.max;
    }

    #sample(): void {
        const rss = this.#child.rssFromProc();
        if (rss !== undefined) {
            this.max = Math.max(this.max, rss);
        }
    }
}
