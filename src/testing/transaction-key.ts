// SPDX-License-Identifier: Apache-2.0
//
// How the fake peer (and tests) key a transaction: channel and txid, as the peer correlates.

/** Channel and txid in one string, unambiguous even if either is empty. */
export function transactionKey(channelId: string, txId: string): string {
    return `${channelId}\u0000${txId}`;
}
