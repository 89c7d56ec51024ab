// SPDX-License-Identifier: Apache-2.0
//
// The public API for chaincode authors: the fabric-shim-shaped stub and response types,
// ClientIdentity, the function router, composite-key helpers and the server itself.
// Importing it registers nothing global (no convict formats, no process listeners). The
// fabric-contract-api runtime has its own entry point, src/contracts/index.ts
// (`fabric-ccaas-template/contracts`), because fabric-contract-api installs process
// listeners and the reflect-metadata polyfill when it loads.

export type * from './shim/types.ts';
/** fabric-shim's `Iterators` namespace, as types: `Iterators.KV`, `Iterators.StateQueryIterator`, ... */
export type * as Iterators from './shim/types.ts';
export { success, error, RESPONSE_CODE } from './shim/response.ts';
export { Shim } from './fabric-shim-api.ts';
export type { ChaincodeServerOpts, ShimServer } from './fabric-shim-api.ts';
/** fabric-shim's `ChaincodeProposal` namespace, as types: `ChaincodeProposal.SignedProposal`, ... */
export type * as ChaincodeProposal from './shim/chaincode-proposal.ts';
export { ChaincodeStub } from './shim/chaincode-stub.ts';
export { KeyEndorsementPolicy, ENDORSER_ROLES } from './shim/key-endorsement-policy.ts';
export { ClientIdentity, FABRIC_ATTRIBUTES_OID } from './shim/client-identity.ts';
export { Router } from './shim/router.ts';
export type { ChaincodeFunction, RoutedChaincode, RouterOptions } from './shim/router.ts';
export { createCompositeKey, splitCompositeKey } from './shim/keys.ts';
export { ChaincodeServer } from './shim/chaincode-server.ts';
export type { ChaincodeServerOptions, ServerTls } from './shim/chaincode-server.ts';
export { InvalidArgumentError, LedgerRequestError, StreamClosedError, TransactionEndedError } from './shim/errors.ts';
