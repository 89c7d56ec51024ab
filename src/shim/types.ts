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

/** The ledger and proposal API handed to Init and Invoke, one per transaction. */
export interface ChaincodeStub {
    /** The invocation arguments as strings; args[0] is the function name by convention. */
    getArgs(): string[];
    /** The same as getArgs (fabric-shim keeps both). */
    getStringArgs(): string[];
    /** The invocation arguments as raw bytes. */
    getBufferArgs(): Uint8Array[];
    /** args[0] as `fcn` and the rest as `params`. */
    getFunctionAndParameters(): { fcn: string; params: string[] };
    getTxID(): string;
    getChannelID(): string;
    /** The proposal's creator; throws when the peer sent no proposal. */
    getCreator(): SerializedIdentity;
    /** The decoded signed proposal; undefined when the peer sent none (system calls). */
    getSignedProposal(): SignedProposal | undefined;
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
    /** The value of `key`; empty when the key does not exist. Does not see this transaction's own writes. */
    getState(key: string): Promise<Uint8Array>;
    /** Writes `value` under `key`. An empty value is recorded by the peer as a delete. */
    putState(key: string, value: Uint8Array): Promise<void>;
    deleteState(key: string): Promise<void>;
    /** Sets the transaction's one event; a later call replaces an earlier one. */
    setEvent(name: string, payload: Uint8Array): void;
}
