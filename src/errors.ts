// SPDX-License-Identifier: Apache-2.0
//
// The few error classes callers need to tell apart, each with a stable `code`.

/** A setting is missing, malformed or inconsistent; start-up stops. */
export class ConfigError extends Error {
    readonly code = 'CONFIG_INVALID';
    override readonly name = 'ConfigError';
}

/** The peer answered a ledger request with ERROR; the message carries the peer's text. */
export class LedgerRequestError extends Error {
    readonly code = 'LEDGER_REQUEST_FAILED';
    override readonly name = 'LedgerRequestError';
}

/** The stream a transaction runs on has ended; its pending and later requests fail with this. */
export class StreamClosedError extends Error {
    readonly code = 'STREAM_CLOSED';
    override readonly name = 'StreamClosedError';
}

/** A stub call was given arguments the peer would reject (empty collection, bad key, ...). */
export class InvalidArgumentError extends Error {
    readonly code = 'INVALID_ARGUMENT';
    override readonly name = 'InvalidArgumentError';
}

/** The text of any thrown value, for logs and for the message of a 500 response. */
export function errorMessage(err: unknown): string {
    if (err instanceof Error) {
        return err.message;
    }
    return typeof err === 'string' ? err : String(err);
}
