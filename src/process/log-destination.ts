// SPDX-License-Identifier: Apache-2.0
//
// Standard output as the JSON log's destination: buffered asynchronous writes, flushed when
// the process exits, and dropped for good once the reader has gone (EPIPE), so a closed log
// pipe can never keep the process from exiting.

import sonicBoom from 'sonic-boom';
import type { DestinationStream } from 'pino';

/** One destination per file descriptor: every root logger of the process shares it. */
const destinations = new Map<number, DestinationStream>();

/**
 * The destination for `fd` (1: standard output). pino's own default flushes at exit with a
 * loop that retries a broken pipe forever; this one stops writing at the first failed write
 * and flushes at exit only while the pipe still works.
 */
export function logDestination(fd = 1): DestinationStream {
    let destination = destinations.get(fd);
    if (destination === undefined) {
        destination = openDestination(fd);
        destinations.set(fd, destination);
    }
    return destination;
}

function openDestination(fd: number): DestinationStream {
    // The package is CommonJS: its default export is the constructor, which carries itself as `.SonicBoom`.
    const stream = new sonicBoom.SonicBoom({ fd });
    let broken = false;
    stream.on('error', () => {
        // EPIPE when the reader has exited, EBADF when the descriptor was closed: nothing
        // more can be written, and nowhere is left to say so.
        broken = true;
    });
    process.on('exit', () => {
        if (broken) {
            return;
        }
        try {
            stream.flushSync();
        } catch {
            broken = true;
        }
    });
    return {
        write: (line: string): void => {
            if (!broken) {
                stream.write(line);
            }
        },
    };
}

/**
 * Keeps a write to a closed standard output or error (a `console` call, a library writing
 * directly) from surfacing as an uncaught exception: Node reports a broken pipe as an
 * 'error' event on the stream, and an 'error' nobody listens to is thrown.
 */
export function ignoreBrokenStdio(): void {
    for (const stream of [process.stdout, process.stderr]) {
        if (stream.listenerCount('error') === 0) {
            stream.on('error', () => undefined);
        }
    }
}
