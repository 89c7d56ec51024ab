// SPDX-License-Identifier: Apache-2.0
//
// How the fake peer answers a chaincode's ledger requests: each one decoded, checked and
// served from the in-memory ledger, reads against committed state and writes buffered
// in the transaction, as the peer's simulator does.

import { delStateCodec, getStateCodec, putStateCodec } from '../shim/codecs.ts';
import type { InMemoryLedger, LedgerWrite } from './ledger.ts';

/** The fake peer's view of one transaction while it runs. */
export interface SimulatedTransaction {
    readonly channelId: string;
    readonly txId: string;
    readonly isInit: boolean;
    /** Writes buffered until the transaction succeeds. */
    readonly writes: LedgerWrite[];
}

/** A request the peer refuses: becomes an ERROR reply with this text. */
export class PeerRequestError extends Error {
    override readonly name = 'PeerRequestError';
}

/** Answers one request; returns the RESPONSE payload or throws PeerRequestError. */
export function serveLedgerRequest(
    type: string,
    payload: Buffer,
    tx: SimulatedTransaction,
    ledger: InMemoryLedger,
): Buffer {
    switch (type) {
        case 'GET_STATE': {
            const { key, collection } = getStateCodec.decode(payload);
            checkCollectionAccess(collection, tx);
            return ledger.get(key, collection) ?? Buffer.alloc(0);
        }
        case 'PUT_STATE': {
            const { key, value, collection } = putStateCodec.decode(payload);
            checkCollectionAccess(collection, tx);
            tx.writes.push({ collection, key, value: value.length === 0 ? undefined : value });
            return Buffer.alloc(0);
        }
        case 'DEL_STATE': {
            const { key, collection } = delStateCodec.decode(payload);
            checkCollectionAccess(collection, tx);
            tx.writes.push({ collection, key, value: undefined });
            return Buffer.alloc(0);
        }
        default:
            throw new PeerRequestError(`${type} is not served by the fake peer`);
    }
}

function checkCollectionAccess(collection: string, tx: SimulatedTransaction): void {
    if (collection !== '' && tx.isInit) {
        throw new PeerRequestError('private data APIs are not allowed in chaincode Init()');
    }
}
