// SPDX-License-Identifier: Apache-2.0
//
// What the fake peer keeps per running transaction, and how it refuses a request.

import type { LedgerWrite } from './ledger.ts';

/** The results of an open query iterator not yet sent. */
export interface OpenIterator {
    readonly remaining: Buffer[];
}

/** The fake peer's view of one transaction while it runs. */
export interface SimulatedTransaction {
    readonly channelId: string;
    readonly txId: string;
    readonly isInit: boolean;
    /** The chaincode's namespace, written into query results. */
    readonly namespace: string;
    /** Writes buffered until the transaction succeeds. */
    readonly writes: LedgerWrite[];
    /** Open query iterators by id. */
    readonly iterators: Map<string, OpenIterator>;
    /** Set by a paginated query or a private range/rich query: the peer then refuses writes. */
    readOnly: boolean;
}

/** A request the peer refuses: becomes an ERROR reply with this text. */
export class PeerRequestError extends Error {
    override readonly name = 'PeerRequestError';
}

/** Private data of any kind is refused during Init. */
export function checkCollectionAccess(collection: string, tx: SimulatedTransaction): void {
    if (collection !== '' && tx.isInit) {
        throw new PeerRequestError('private data APIs are not allowed in chaincode Init()');
    }
}
