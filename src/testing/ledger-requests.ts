// SPDX-License-Identifier: Apache-2.0
//
// How the fake peer answers a chaincode's ledger requests: each one decoded, checked and
// served from the in-memory ledger, reads against committed state and writes buffered
// in the transaction, as the peer's simulator does. Queries live in ledger-queries.ts.

import type { WriteRecord__Output } from '../wire/generated/protos/WriteRecord.ts';
import {
    delStateCodec,
    getStateCodec,
    getStateMetadataCodec,
    getStateMultipleCodec,
    getStateMultipleResultCodec,
    putStateCodec,
    putStateMetadataCodec,
    stateMetadataResultCodec,
    writeBatchStateCodec,
} from '../wire/codecs.ts';
import type { InMemoryLedger, LedgerWrite } from './ledger.ts';
import { serveQueryRequest } from './ledger-queries.ts';
import { checkCollectionAccess, PeerRequestError, type SimulatedTransaction } from './simulation.ts';

export { PeerRequestError } from './simulation.ts';
export type { SimulatedTransaction } from './simulation.ts';

const EMPTY = Buffer.alloc(0);

/** Answers one request (not INVOKE_CHAINCODE); returns the RESPONSE payload or throws PeerRequestError. */
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
            return ledger.get(key, collection) ?? EMPTY;
        }
        case 'GET_STATE_MULTIPLE': {
            const { keys, collection } = getStateMultipleCodec.decode(payload);
            checkCollectionAccess(collection, tx);
            const values = keys.map((key) => ledger.get(key, collection) ?? EMPTY);
            return Buffer.from(getStateMultipleResultCodec.encode({ values }));
        }
        case 'GET_PRIVATE_DATA_HASH': {
            const { key, collection } = getStateCodec.decode(payload);
            requirePrivate(collection, tx);
            return ledger.hash(key, collection) ?? EMPTY;
        }
        case 'GET_STATE_METADATA': {
            const { key, collection } = getStateMetadataCodec.decode(payload);
            checkCollectionAccess(collection, tx);
            const entries = [...ledger.metadata(key, collection)]
                .sort(([a], [b]) => (a < b ? -1 : 1))
                .map(([metakey, value]) => ({ metakey, value }));
            return Buffer.from(stateMetadataResultCodec.encode({ entries }));
        }
        case 'PUT_STATE': {
            const { key, value, collection } = putStateCodec.decode(payload);
            write(tx, { collection, key, value: value.length === 0 ? undefined : value });
            return EMPTY;
        }
        case 'DEL_STATE': {
            const { key, collection } = delStateCodec.decode(payload);
            write(tx, { collection, key, value: undefined });
            return EMPTY;
        }
        case 'PURGE_PRIVATE_DATA': {
            const { key, collection } = delStateCodec.decode(payload);
            requirePrivate(collection, tx);
            write(tx, { collection, key, value: undefined });
            return EMPTY;
        }
        case 'PUT_STATE_METADATA': {
            const { key, collection, metadata } = putStateMetadataCodec.decode(payload);
            write(tx, {
                collection,
                key,
                metadata: { metakey: metadata?.metakey ?? '', value: metadata?.value ?? EMPTY },
            });
            return EMPTY;
        }
        case 'WRITE_BATCH_STATE': {
            for (const record of writeBatchStateCodec.decode(payload).rec) {
                applyRecord(record, tx);
            }
            return EMPTY;
        }
        default:
            return serveQueryRequest(type, payload, tx, ledger);
    }
}

/** Each batch record has exactly the semantics and checks of its single-message twin; the first failure fails the batch. */
function applyRecord(record: WriteRecord__Output, tx: SimulatedTransaction): void {
    const { key, collection } = record;
    switch (record.type) {
        case 'PUT_STATE':
            write(tx, { collection, key, value: record.value.length === 0 ? undefined : record.value });
            return;
        case 'DEL_STATE':
            write(tx, { collection, key, value: undefined });
            return;
        case 'PURGE_PRIVATE_DATA':
            requirePrivate(collection, tx);
            write(tx, { collection, key, value: undefined });
            return;
        case 'PUT_STATE_METADATA':
            write(tx, {
                collection,
                key,
                metadata: { metakey: record.metadata?.metakey ?? '', value: record.metadata?.value ?? EMPTY },
            });
            return;
        default:
            throw new PeerRequestError(`unknown write record type ${record.type} for key "${key}"`);
    }
}

function write(tx: SimulatedTransaction, entry: LedgerWrite): void {
    checkCollectionAccess(entry.collection, tx);
    if (tx.readOnly) {
        throw new PeerRequestError(
            'writes are not allowed after a paginated query or a private data range or rich query in the same transaction',
        );
    }
    tx.writes.push(entry);
}

function requirePrivate(collection: string, tx: SimulatedTransaction): void {
    if (collection === '') {
        throw new PeerRequestError('collection must not be empty');
    }
    checkCollectionAccess(collection, tx);
}
