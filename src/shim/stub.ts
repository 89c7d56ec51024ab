// SPDX-License-Identifier: Apache-2.0
//
// The ChaincodeStub handed to user code: ProposalStub's accessors plus every ledger call,
// public and private, checked here and sent through the transaction's LedgerClient.

import { InvalidArgumentError } from './errors.ts';
import type { QueryResponse__Output } from '../wire/generated/protos/QueryResponse.ts';
import { decodeKeyModification, decodeKv, iterablePromise, QueryIterator } from './iterators.ts';
import { partialCompositeKeyRange, simpleKeyRange } from './keys.ts';
import { pageMetadata, VALIDATION_PARAMETER, type LedgerClient, type PageRequest } from './ledger-client.ts';
import { ProposalStub, toBytes, type StubInput } from './proposal-stub.ts';
import { tolerateUnawaitedCalls } from './unawaited-calls.ts';
import type {
    ChaincodeResponse,
    ChaincodeStub,
    HistoryQueryIterator,
    KeyModification,
    KV,
    QueryPromise,
    StateQueryIterator,
    StateQueryResponse,
} from './types.ts';

type Page = QueryPromise<StateQueryResponse<StateQueryIterator>, KV>;

export class Stub extends ProposalStub implements ChaincodeStub {
    readonly #ledger: LedgerClient;

    constructor(input: StubInput) {
        super(input);
        this.#ledger = input.ledger;
    }

    // The per-request calls are not async: an async method returning the ledger's promise costs
    // two more promises and microtask turns per call. Their errors still reject, never throw.
    getState(key: string): Promise<Uint8Array> {
        try {
            requireKey(key, 'getState');
            return this.#ledger.get('', key);
        } catch (err) {
            return rejection(err);
        }
    }

    async getMultipleStates(...keys: string[]): Promise<Uint8Array[]> {
        for (const key of keys) {
            requireKey(key, 'getMultipleStates');
        }
        return this.#ledger.getMultiple('', keys);
    }

    putState(key: string, value: Uint8Array): Promise<void> {
        try {
            requireKey(key, 'putState');
            return this.#ledger.put('', key, toBytes(value));
        } catch (err) {
            return rejection(err);
        }
    }

    deleteState(key: string): Promise<void> {
        try {
            requireKey(key, 'deleteState');
            return this.#ledger.delete('', key);
        } catch (err) {
            return rejection(err);
        }
    }

    async setStateValidationParameter(key: string, ep: Uint8Array): Promise<void> {
        requireKey(key, 'setStateValidationParameter');
        return this.#ledger.putMetadata('', key, VALIDATION_PARAMETER, toBytes(ep));
    }

    async getStateValidationParameter(key: string): Promise<Uint8Array> {
        requireKey(key, 'getStateValidationParameter');
        return this.#ledger.getMetadata('', key, VALIDATION_PARAMETER);
    }

    getStateByRange(startKey: string, endKey: string): QueryPromise<StateQueryIterator, KV> {
        return this.#kvQuery(async () => {
            const range = simpleKeyRange('getStateByRange', startKey, endKey);
            return this.#ledger.range('', range.startKey, range.endKey);
        });
    }

    getStateByRangeWithPagination(startKey: string, endKey: string, pageSize: number, bookmark = ''): Page {
        return this.#kvPage(async () => {
            const range = simpleKeyRange('getStateByRangeWithPagination', startKey, endKey);
            const page = pageRequest('getStateByRangeWithPagination', pageSize, bookmark);
            return this.#ledger.range('', range.startKey, range.endKey, page);
        });
    }

    getStateByPartialCompositeKey(objectType: string, attributes: string[]): QueryPromise<StateQueryIterator, KV> {
        return this.#kvQuery(async () => {
            const range = partialCompositeKeyRange(objectType, attributes);
            return this.#ledger.range('', range.startKey, range.endKey);
        });
    }

    getStateByPartialCompositeKeyWithPagination(
        objectType: string,
        attributes: string[],
        pageSize: number,
        bookmark = '',
    ): Page {
        return this.#kvPage(async () => {
            const range = partialCompositeKeyRange(objectType, attributes);
            const page = pageRequest('getStateByPartialCompositeKeyWithPagination', pageSize, bookmark);
            return this.#ledger.range('', range.startKey, range.endKey, page);
        });
    }

    getQueryResult(query: string): QueryPromise<StateQueryIterator, KV> {
        return this.#kvQuery(async () => this.#ledger.query('', requireQuery(query, 'getQueryResult')));
    }

    getQueryResultWithPagination(query: string, pageSize: number, bookmark = ''): Page {
        return this.#kvPage(async () => {
            const page = pageRequest('getQueryResultWithPagination', pageSize, bookmark);
            return this.#ledger.query('', requireQuery(query, 'getQueryResultWithPagination'), page);
        });
    }

    getHistoryForKey(key: string): QueryPromise<HistoryQueryIterator, KeyModification> {
        const iterator = (async (): Promise<HistoryQueryIterator> => {
            requireKey(key, 'getHistoryForKey');
            return new QueryIterator(this.#ledger, await this.#ledger.history(key), decodeKeyModification);
        })();
        return iterablePromise(iterator, (it) => it);
    }

    async invokeChaincode(
        chaincodeName: string,
        args: (string | Uint8Array)[],
        channel?: string,
    ): Promise<ChaincodeResponse> {
        if (typeof chaincodeName !== 'string' || chaincodeName === '') {
            throw new InvalidArgumentError('invokeChaincode: chaincodeName must be a non-empty string');
        }
        // The peer reads name[:version][/channel]; '/' is the only channel separator it knows.
        const name = channel ? `${chaincodeName}/${channel}` : chaincodeName;
        return this.#ledger.invoke(name, args.map(toBytes));
    }

    getPrivateData(collection: string, key: string): Promise<Uint8Array> {
        try {
            requirePrivateKey(collection, key, 'getPrivateData');
            return this.#ledger.get(collection, key);
        } catch (err) {
            return rejection(err);
        }
    }

    async getMultiplePrivateData(collection: string, ...keys: string[]): Promise<Uint8Array[]> {
        requireCollection(collection, 'getMultiplePrivateData');
        for (const key of keys) {
            requireKey(key, 'getMultiplePrivateData');
        }
        return this.#ledger.getMultiple(collection, keys);
    }

    async getPrivateDataHash(collection: string, key: string): Promise<Uint8Array> {
        requirePrivateKey(collection, key, 'getPrivateDataHash');
        return this.#ledger.getHash(collection, key);
    }

    putPrivateData(collection: string, key: string, value: Uint8Array): Promise<void> {
        try {
            requirePrivateKey(collection, key, 'putPrivateData');
            return this.#ledger.put(collection, key, toBytes(value));
        } catch (err) {
            return rejection(err);
        }
    }

    deletePrivateData(collection: string, key: string): Promise<void> {
        try {
            requirePrivateKey(collection, key, 'deletePrivateData');
            return this.#ledger.delete(collection, key);
        } catch (err) {
            return rejection(err);
        }
    }

    async purgePrivateData(collection: string, key: string): Promise<void> {
        requirePrivateKey(collection, key, 'purgePrivateData');
        return this.#ledger.purge(collection, key);
    }

    async setPrivateDataValidationParameter(collection: string, key: string, ep: Uint8Array): Promise<void> {
        requirePrivateKey(collection, key, 'setPrivateDataValidationParameter');
        return this.#ledger.putMetadata(collection, key, VALIDATION_PARAMETER, toBytes(ep));
    }

    async getPrivateDataValidationParameter(collection: string, key: string): Promise<Uint8Array> {
        requirePrivateKey(collection, key, 'getPrivateDataValidationParameter');
        return this.#ledger.getMetadata(collection, key, VALIDATION_PARAMETER);
    }

    getPrivateDataByRange(collection: string, startKey: string, endKey: string): QueryPromise<StateQueryIterator, KV> {
        return this.#kvQuery(async () => {
            requireCollection(collection, 'getPrivateDataByRange');
            const range = simpleKeyRange('getPrivateDataByRange', startKey, endKey);
            return this.#ledger.range(collection, range.startKey, range.endKey);
        });
    }

    getPrivateDataByPartialCompositeKey(
        collection: string,
        objectType: string,
        attributes: string[],
    ): QueryPromise<StateQueryIterator, KV> {
        return this.#kvQuery(async () => {
            requireCollection(collection, 'getPrivateDataByPartialCompositeKey');
            const range = partialCompositeKeyRange(objectType, attributes);
            return this.#ledger.range(collection, range.startKey, range.endKey);
        });
    }

    getPrivateDataQueryResult(collection: string, query: string): QueryPromise<StateQueryIterator, KV> {
        return this.#kvQuery(async () => {
            requireCollection(collection, 'getPrivateDataQueryResult');
            return this.#ledger.query(collection, requireQuery(query, 'getPrivateDataQueryResult'));
        });
    }

    /** Runs a KV query (checks included, so a bad argument rejects the promise) and wraps its iterator. */
    #kvQuery(send: () => Promise<QueryResponse__Output>): QueryPromise<StateQueryIterator, KV> {
        const iterator = send().then(
            (response): StateQueryIterator => new QueryIterator(this.#ledger, response, decodeKv),
        );
        return iterablePromise(iterator, (it) => it);
    }

    #kvPage(send: () => Promise<QueryResponse__Output>): Page {
        const page = send().then((response): StateQueryResponse<StateQueryIterator> => ({
            iterator: new QueryIterator(this.#ledger, response, decodeKv),
            metadata: pageMetadata(response),
        }));
        return iterablePromise(page, (response) => response.iterator);
    }
}

/** What an async method would have returned for a synchronous throw. */
function rejection(err: unknown): Promise<never> {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
}

/** Rejects the empty key before it reaches the peer (CouchDB refuses it; LevelDB would store it). */
function requireKey(key: unknown, method: string): asserts key is string {
    if (typeof key !== 'string' || key === '') {
        throw new InvalidArgumentError(`${method}: key must be a non-empty string`);
    }
}

tolerateUnawaitedCalls(
    Stub.prototype,
    Object.getOwnPropertyNames(Stub.prototype).filter((name) => name !== 'constructor'),
);

/** Both shims refuse an empty collection in the private-data calls before sending anything. */
function requireCollection(collection: unknown, method: string): asserts collection is string {
    if (typeof collection !== 'string' || collection === '') {
        throw new InvalidArgumentError(`${method}: collection must be a non-empty string`);
    }
}

function requirePrivateKey(collection: unknown, key: unknown, method: string): void {
    requireCollection(collection, method);
    requireKey(key, method);
}

function requireQuery(query: unknown, method: string): string {
    if (typeof query !== 'string' || query === '') {
        throw new InvalidArgumentError(`${method}: query must be a non-empty string`);
    }
    return query;
}

/** The peer reads a page size of 0 with no bookmark as "not paginated", so a page needs at least 1. */
function pageRequest(method: string, pageSize: number, bookmark: string): PageRequest {
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 0x7fffffff) {
        throw new InvalidArgumentError(`${method}: pageSize must be a positive integer`);
    }
    if (typeof bookmark !== 'string') {
        throw new InvalidArgumentError(`${method}: bookmark must be a string`);
    }
    return { pageSize, bookmark };
}
