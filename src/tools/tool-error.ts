// SPDX-License-Identifier: Apache-2.0
//
// The error the packaging tool throws for bad input (the CLI prints its message as one line), and the short
// form of the file-system errors it wraps.

/** A problem with the tool's input (flags, files); the CLI prints the message and exits 1. */
export class ToolError extends Error {
    override readonly name = 'ToolError';
}

/** The short reason of a file-system error, e.g. "ENOENT: no such file or directory". */
export function fsReason(err: unknown): string {
    const message = err instanceof Error ? err.message : String(err);
    return message.split(',')[0] ?? message;
}
