// SPDX-License-Identifier: Apache-2.0
//
// The errors a chaincode's stub calls reject with, each with a stable `code`.

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

/** The transaction has been answered (completed or timed out); a later stub call fails with this. */
export class TransactionEndedError extends Error {
    readonly code = 'TRANSACTION_ENDED';
    override readonly name = 'TransactionEndedError';
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
