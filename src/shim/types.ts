// SPDX-License-Identifier: Apache-2.0
//
// The public contract between this server and a chaincode: the Chaincode interface,
// responses, and the ChaincodeStub API (shaped like fabric-shim's, so chaincode ports
// by changing its imports).

import type Long from 'long';

/** What Init and Invoke return. Status 200-399 is success; 400 and above is an error. */
export interface ChaincodeResponse {
    status: number;
    message?: string;
    payload?: Uint8Array;
}

/** A 200 response, as `success()` builds it. */
export interface SuccessResponse extends ChaincodeResponse {
    status: 200;
    payload: Uint8Array;
}

/** A 500 response, as `error()` builds it. */
export interface ErrorResponse extends ChaincodeResponse {
    status: 500;
    message: string;
}

/**
 * The user's chaincode. `Init` runs for INIT messages (a definition with `--init-required`
 * and a client call with `isInit`), `Invoke` for every other transaction. Throwing or
 * rejecting becomes a 500 response with the error's message.
 */
export interface Chaincode {
    Init(stub: ChaincodeStub): Promise<ChaincodeResponse> | ChaincodeResponse;
    Invoke(stub: ChaincodeStub): Promise<ChaincodeResponse> | ChaincodeResponse;
}

/** fabric-shim's name for {@link Chaincode}. */
export type ChaincodeInterface = Chaincode;

/** The creator of a proposal: its MSP and, for X.509 identities, its PEM certificate. */
export interface SerializedIdentity {
    mspid: string;
    idBytes: Uint8Array;
}

/** A protobuf timestamp; `seconds` is a Long as in fabric-shim. */
export interface Timestamp {
    seconds: Long;
    nanos: number;
}

/** A history record's timestamp: plain numbers, as fabric-shim hands them (not a Long). */
export interface HistoryTimestamp {
    seconds: number;
    nanos: number;
}

/** The decoded signed proposal, shaped like fabric-shim's `ChaincodeProposal.SignedProposal`. */
export interface SignedProposal {
    signature: Uint8Array;
    proposal: {
        header: {
            channelHeader: {
                type: number;
                version: number;
                timestamp: Timestamp;
                channelId: string;
                txId: string;
                epoch: number;
                extension: Uint8Array;
                tlsCertHash: Uint8Array;
            };
            signatureHeader: { creator: SerializedIdentity; nonce: Uint8Array };
        };
        payload: { input: Uint8Array; transientMap: Map<string, Uint8Array> };
    };
}

/** One key and value from a range or rich query. */
export interface KV {
    /** The chaincode namespace the key lives in. */
    namespace: string;
    key: string;
    value: Uint8Array;
}

/** One committed change to a key, from getHistoryForKey (newest first). */
export interface KeyModification {
    txId: string;
    /** The value written; empty for a delete. */
    value: Uint8Array;
    isDelete: boolean;
    /**
     * Plain numbers at run time, as fabric-shim hands them; the type also admits fabric-shim's
     * declared Long form, so code typed against fabric-shim assigns to it. Read the seconds
     * with `Number(timestamp.seconds)`, which works for both.
     */
    timestamp: HistoryTimestamp | Timestamp;
}

/**
 * One step of an iterator, shaped like fabric-shim's: `value` is set while `done` is false,
 * and is undefined once `done` is true (fabric-shim types it the same way).
 */
export interface NextResult<T> {
    value: T;
    done: boolean;
}

/**
 * A query result the peer serves in batches. `next()` fetches the next batch when the
 * current one runs out; `close()` releases the peer's iterator. `for await` closes it for
 * you when the loop ends or breaks.
 */
export interface CommonIterator<T> extends AsyncIterable<T> {
    next(): Promise<NextResult<T>>;
    close(): Promise<void>;
}

/** Iterates the KVs of a range or rich query. */
export type StateQueryIterator = CommonIterator<KV>;
/** Iterates the KeyModifications of getHistoryForKey. */
export type HistoryQueryIterator = CommonIterator<KeyModification>;

/**
 * What the peer says about one page of a paginated query. Absent (undefined) when the query
 * was not paginated after all (a page size of 0 with no bookmark), as in fabric-shim.
 */
export interface QueryResponseMetadata {
    /** How many records this page holds. */
    fetchedRecordsCount: number;
    /** Pass back to fetch the next page; empty when there is none. */
    bookmark: string;
}

/** A page of a paginated query: its iterator and the page's metadata. */
export interface StateQueryResponse<T> {
    iterator: T;
    metadata: QueryResponseMetadata;
}

/**
 * What the query methods return: a promise of the iterator that is also async-iterable, so
 * both `const it = await stub.getStateByRange(...)` and `for await (const kv of stub.getStateByRange(...))`
 * work, as in fabric-shim.
 */
export type QueryPromise<R, T> = Promise<R> & AsyncIterable<T>;

/** A composite key taken apart: its object type (null for a key that is not composite) and attributes. */
export interface SplitCompositeKey {
    objectType: string;
    attributes: string[];
}

/** fabric-shim's spelling of {@link SplitCompositeKey}. */
export type SplitCompositekey = SplitCompositeKey;

/**
 * The ledger and proposal API handed to Init and Invoke, one per transaction. Shaped like
 * fabric-shim 2.5's `ChaincodeStub`, plus getMultipleStates/getMultiplePrivateData from the
 * Go shim. Reads see committed state only, never this transaction's own writes.
 */
export interface ChaincodeStub {
    /** The invocation arguments as strings; args[0] is the function name by convention. */
    getArgs(): string[];
    /** The same as getArgs (fabric-shim keeps both). */
    getStringArgs(): string[];
    /** The invocation arguments as raw bytes. */
    getBufferArgs(): Uint8Array[];
    /** args[0] as `fcn` and the rest as `params`. */
    getFunctionAndParameters(): { fcn: string; params: string[] };
    /** The transaction ID, shared by every chaincode this transaction calls. */
    getTxID(): string;
    /** The channel this invocation runs on. */
    getChannelID(): string;
    /** The proposal's creator; throws when the peer sent no proposal. */
    getCreator(): SerializedIdentity;
    /**
     * The MSP ID of the peer's organisation, from `CORE_PEER_LOCALMSPID` in the server's
     * configuration (nothing sets it in chaincode-as-a-service; the operator must). Throws when unset.
     */
    getMspID(): string;
    /**
     * The decoded signed proposal. Typed as fabric-shim types it; undefined at run time when
     * the peer sent none (system calls), as there.
     */
    getSignedProposal(): SignedProposal;
    /** The client's timestamp from the proposal header, identical on every endorser. */
    getTxTimestamp(): Timestamp;
    /** getTxTimestamp as a Date (millisecond precision). */
    getDateTimestamp(): Date;
    /** The proposal's transient data: never written to the ledger. */
    getTransient(): Map<string, Uint8Array>;
    /** Hex SHA-256 of nonce ‖ creator ‖ epoch, as fabric-shim returns it. */
    getBinding(): string;
    /** Values the peer's endorsement decorators added; normally empty. */
    getDecorations(): Map<string, Uint8Array>;

    /** The value of `key`; empty when the key does not exist. */
    getState(key: string): Promise<Uint8Array>;
    /**
     * The values of several keys, in order; an absent key gives an empty value. Uses one
     * GET_STATE_MULTIPLE per batch when the peer offers it (Fabric 3.1+), else one GET_STATE per key.
     */
    getMultipleStates(...keys: string[]): Promise<Uint8Array[]>;
    /**
     * Writes `value` (bytes, or a string as UTF-8) under `key`; anything else is refused. An
     * empty value is recorded by the peer as a delete. Each write resolves with the peer's
     * (empty) answer, as in fabric-shim; the type is fabric-shim's.
     */
    putState(key: string, value: Uint8Array): Promise<void>;
    /** Deletes `key`. */
    deleteState(key: string): Promise<void>;
    /** Sets the key-level endorsement policy of `key` (a marshalled SignaturePolicyEnvelope). */
    setStateValidationParameter(key: string, ep: Uint8Array): Promise<void>;
    /** The key-level endorsement policy of `key`; undefined when it has none, as in fabric-shim. */
    getStateValidationParameter(key: string): Promise<Uint8Array>;

    /**
     * Keys in [startKey, endKey) in byte order; an empty endKey means no upper bound. An empty
     * startKey starts after the composite-key namespace; keys starting with U+0000 are rejected.
     */
    getStateByRange(startKey: string, endKey: string): QueryPromise<StateQueryIterator, KV>;
    /** One page of getStateByRange; pass the returned bookmark back for the next. Read-only transactions only. */
    getStateByRangeWithPagination(
        startKey: string,
        endKey: string,
        pageSize: number,
        bookmark?: string,
    ): QueryPromise<StateQueryResponse<StateQueryIterator>, KV>;
    /** Composite keys of `objectType` whose leading attributes equal `attributes`. */
    getStateByPartialCompositeKey(objectType: string, attributes: string[]): QueryPromise<StateQueryIterator, KV>;
    /** One page of getStateByPartialCompositeKey. Read-only transactions only. */
    getStateByPartialCompositeKeyWithPagination(
        objectType: string,
        attributes: string[],
        pageSize: number,
        bookmark?: string,
    ): QueryPromise<StateQueryResponse<StateQueryIterator>, KV>;
    /** A rich (CouchDB selector) query; the peer refuses it on LevelDB. */
    getQueryResult(query: string): QueryPromise<StateQueryIterator, KV>;
    /** One page of getQueryResult. Read-only transactions only. */
    getQueryResultWithPagination(
        query: string,
        pageSize: number,
        bookmark?: string,
    ): QueryPromise<StateQueryResponse<StateQueryIterator>, KV>;
    /** Every committed change to `key`, newest first; needs the peer's history database. */
    getHistoryForKey(key: string): QueryPromise<HistoryQueryIterator, KeyModification>;

    /**
     * Calls another chaincode in this transaction and resolves with its response, whatever
     * its status; rejects when it failed outright. Without `channel` (or with this channel)
     * the callee shares this transaction's writes; on another channel it can only read.
     */
    invokeChaincode(chaincodeName: string, args: (string | Uint8Array)[], channel?: string): Promise<ChaincodeResponse>;
    /** Sets the transaction's one event; a later call replaces an earlier one. */
    setEvent(name: string, payload: Uint8Array): void;

    /** `U+0000 objectType U+0000 attr… U+0000`, as both official shims build it. */
    createCompositeKey(objectType: string, attributes: string[]): string;
    /** The object type and attributes of a composite key. */
    splitCompositeKey(compositeKey: string): SplitCompositeKey;

    /** The value of `key` in a private data collection; empty when absent. Not allowed in Init. */
    getPrivateData(collection: string, key: string): Promise<Uint8Array>;
    /** getMultipleStates for a private data collection. */
    getMultiplePrivateData(collection: string, ...keys: string[]): Promise<Uint8Array[]>;
    /** The hash of a private value; any organisation may read it. Empty when absent. */
    getPrivateDataHash(collection: string, key: string): Promise<Uint8Array>;
    /** Writes a private value; the creator needs write access to the collection. */
    putPrivateData(collection: string, key: string, value: Uint8Array): Promise<void>;
    /** Deletes a private value (its hash history stays on every peer). */
    deletePrivateData(collection: string, key: string): Promise<void>;
    /**
     * Deletes a private value and purges it, and its past versions, from every peer's private
     * store. Needs Fabric 2.5+ peers with the V2_5 channel capability: a peer older than 2.5
     * does not know the request and ends the whole stream.
     */
    purgePrivateData(collection: string, key: string): Promise<void>;
    /** setStateValidationParameter for a private key. */
    setPrivateDataValidationParameter(collection: string, key: string, ep: Uint8Array): Promise<void>;
    /** getStateValidationParameter for a private key. */
    getPrivateDataValidationParameter(collection: string, key: string): Promise<Uint8Array>;
    /** getStateByRange in a private data collection (no pagination for private data). */
    getPrivateDataByRange(collection: string, startKey: string, endKey: string): QueryPromise<StateQueryIterator, KV>;
    /** getStateByPartialCompositeKey in a private data collection. */
    getPrivateDataByPartialCompositeKey(
        collection: string,
        objectType: string,
        attributes: string[],
    ): QueryPromise<StateQueryIterator, KV>;
    /** getQueryResult in a private data collection. */
    getPrivateDataQueryResult(collection: string, query: string): QueryPromise<StateQueryIterator, KV>;
}
