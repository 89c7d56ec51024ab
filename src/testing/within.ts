// SPDX-License-Identifier: Apache-2.0
//
// A deadline for one wait in a test: it fails with what it was waiting for instead of hanging.

/** How long a single wait may take by default before the test fails. */
export const FAIL_FAST_MS = 15_000;

/** Resolves as `promise` does; rejects naming `what` if it has not settled within `ms`. */
export async function within<T>(promise: Promise<T>, what: string, ms = FAIL_FAST_MS): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
            reject(new Error(`timed out after ${ms} ms waiting for ${what}`));
        }, ms);
    });
    try {
        return await Promise.race([promise, deadline]);
    } finally {
        clearTimeout(timer);
    }
}
