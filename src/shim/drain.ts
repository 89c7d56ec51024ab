// SPDX-License-Identifier: Apache-2.0
//
// The graceful end of a set of streams, shared by the server and dev mode: refuse new
// transactions, let those in flight finish until a deadline, then end every stream.

import type { Logger } from 'pino';
import type { StreamHandler } from './stream-handler.ts';

/** Resolves true when `promise` settles within `ms`, false when the time runs out first. */
export async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
        timer = setTimeout(resolve, Math.max(0, ms), false).unref();
    });
    try {
        return await Promise.race([promise.then(() => true), timeout]);
    } finally {
        clearTimeout(timer);
    }
}

/**
 * Drains every handler for at most `graceMs`, then ends each stream. Resolves with the
 * number of transactions still in flight when the grace ran out (0: nothing was cut).
 */
export async function drainStreams(handlers: readonly StreamHandler[], graceMs: number, log: Logger): Promise<number> {
    const drained = await settlesWithin(Promise.all(handlers.map((handler) => handler.drain())), graceMs);
    const cut = drained ? 0 : handlers.reduce((total, handler) => total + handler.inFlight, 0);
    if (cut > 0) {
        log.error({ cut }, 'shutdown grace ran out: transactions in flight were cut');
    }
    for (const handler of handlers) {
        handler.end();
    }
    return cut;
}
