// SPDX-License-Identifier: Apache-2.0
//
// The ChaincodeStub handed to user code: ProposalStub's accessors plus every ledger call,
// public and private, checked here and sent through the transaction's LedgerClient.

import { InvalidArgumentError } from './errors.ts';
import type { QueryResponse__Output } from '../wire/generated/protos/QueryResponse.ts';
import { decodeKeyModification, decodeKv, iterablePromise, QueryIterator } from './iterators.ts';
import { EMPTY_START_KEY, partialCompositeKeyRange, simpleKeyRange } from './keys.ts';
import { pageMetadata, VALIDATION_PARAMETER, type LedgerClient } from './ledger-client.ts';
import { ProposalStub, toBytes, type StubInput } from './proposal-stub.ts';
import {
    pageRequest,
    privateWriteValue,
    requireCollection,
    requireKey,
    requirePrivateKey,
    requireQuery,
    writeValue,
} from './stub-arguments.ts';
import { tolerateUnawaitedCalls } from './unawaited-calls.ts';
import type {
    ChaincodeResponse,
    ChaincodeStub,
    HistoryQueryIterator,
    KeyModification,
    KV,
    QueryPromise,
    QueryResponseMetadata,
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
            return written(this.#ledger.put('', key, writeValue(value, 'putState')));
        } catch (err) {
            return rejection(err);
        }
    }

    deleteState(key: string): Promise<void> {
        try {
            requireKey(key, 'deleteState');
            return written(this.#ledger.delete('', key));
        } catch (err) {
            return rejection(err);
        }
    }

    async setStateValidationParameter(key: string, ep: Uint8Array): Promise<void> {
        requireKey(key, 'setStateValidationParameter');
        const policy = writeValue(ep, 'setStateValidationParameter', 'the policy');
        return written(this.#ledger.putMetadata('', key, VALIDATION_PARAMETER, policy));
    }

    /** Resolves undefined (typed as fabric-shim types it) when the key has no policy, as fabric-shim does. */
    async getStateValidationParameter(key: string): Promise<Uint8Array> {
        requireKey(key, 'getStateValidationParameter');
        return (await this.#ledger.getMetadata('', key, VALIDATION_PARAMETER)) as Uint8Array;
    }

    getStateByRange(startKey: string, endKey: string): QueryPromise<StateQueryIterator, KV> {
        return this.#kvQuery(async () => {
            const range = simpleKeyRange('getStateByRange', startKey, endKey);
            return this.#ledger.range('', range.startKey, range.endKey);
        });
    }

    getStateByRangeWithPagination(startKey: string, endKey: string, pageSize: number, bookmark?: string): Page {
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
        bookmark?: string,
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

    getQueryResultWithPagination(query: string, pageSize: number, bookmark?: string): Page {
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
            return written(this.#ledger.put(collection, key, privateWriteValue(value, 'putPrivateData')));
        } catch (err) {
            return rejection(err);
        }
    }

    deletePrivateData(collection: string, key: string): Promise<void> {
        try {
            requirePrivateKey(collection, key, 'deletePrivateData');
            return written(this.#ledger.delete(collection, key));
        } catch (err) {
            return rejection(err);
        }
    }

    async purgePrivateData(collection: string, key: string): Promise<void> {
        requirePrivateKey(collection, key, 'purgePrivateData');
        return written(this.#ledger.purge(collection, key));
    }

    async setPrivateDataValidationParameter(collection: string, key: string, ep: Uint8Array): Promise<void> {
        requirePrivateKey(collection, key, 'setPrivateDataValidationParameter');
        const policy = writeValue(ep, 'setPrivateDataValidationParameter', 'the policy');
        return written(this.#ledger.putMetadata(collection, key, VALIDATION_PARAMETER, policy));
    }

    /** Resolves undefined when the key has no policy, as getStateValidationParameter. */
    async getPrivateDataValidationParameter(collection: string, key: string): Promise<Uint8Array> {
        requirePrivateKey(collection, key, 'getPrivateDataValidationParameter');
        return (await this.#ledger.getMetadata(collection, key, VALIDATION_PARAMETER)) as Uint8Array;
    }

    getPrivateDataByRange(collection: string, startKey: string, endKey: string): QueryPromise<StateQueryIterator, KV> {
        return this.#kvQuery(async () => {
            requireCollection(collection, 'getPrivateDataByRange');
            // fabric-shim leaves private ranges unchecked: only the empty start key is replaced.
            return this.#ledger.range(collection, startKey || EMPTY_START_KEY, endKey);
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
            // Absent for an unpaginated answer (page size 0, no bookmark), as in fabric-shim.
            metadata: pageMetadata(response) as QueryResponseMetadata,
        }));
        return iterablePromise(page, (response) => response.iterator);
    }
}

/** What an async method would have returned for a synchronous throw. */
function rejection(err: unknown): Promise<never> {
    return Promise.reject(err instanceof Error ? err : new Error(String(err)));
}

/**
 * A write's promise, which resolves with the peer's (empty) RESPONSE payload as fabric-shim's
 * writes do (contracts `return ctx.stub.putState(...)`), under the type fabric-shim declares.
 */
function written(result: Promise<Uint8Array>): Promise<void> {
    return result as Promise<unknown> as Promise<void>;
}

tolerateUnawaitedCalls(
    Stub.prototype,
    Object.getOwnPropertyNames(Stub.prototype).filter((name) => name !== 'constructor'),
);
