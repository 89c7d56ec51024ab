// SPDX-License-Identifier: Apache-2.0
//
// The IPC side every benchmark server shares: tell the driver the bound port, report CPU and
// memory when asked, and exit cleanly on request (so --cpu-prof writes its profile).

/** What the driver sends a server child. */
export type ToChild = { readonly type: 'stats'; readonly collect?: boolean } | { readonly type: 'stop' };

/** What a server child sends the driver. */
export type FromChild =
    | { readonly type: 'listening'; readonly port: number }
    | {
          readonly type: 'stats';
          readonly userMicros: number;
          readonly systemMicros: number;
          readonly rss: number;
          readonly heapUsed: number;
      };

/** Announces `port` and serves stats and stop requests until the driver disconnects. */
export function serveDriver(port: number, stop: () => void): void {
    const send = process.send?.bind(process);
    if (send === undefined) {
        throw new Error('run this server from the benchmark driver (it needs an IPC channel)');
    }
    const reply = (message: FromChild): void => {
        send(message);
    };
    process.on('message', (message: ToChild) => {
        if (message.type === 'stats') {
            if (message.collect === true) {
                // A full GC first (the child runs with --expose-gc), so memory shows what is retained.
                (globalThis as { gc?: () => void }).gc?.();
            }
            const cpu = process.cpuUsage();
            const memory = process.memoryUsage();
            reply({
                type: 'stats',
                userMicros: cpu.user,
                systemMicros: cpu.system,
                rss: memory.rss,
                heapUsed: memory.heapUsed,
            });
        } else {
            stop();
            process.exit(0);
        }
    });
    process.on('disconnect', () => {
        stop();
        process.exit(0);
    });
    reply({ type: 'listening', port });
}
