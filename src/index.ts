// SPDX-License-Identifier: Apache-2.0
//
// The public API for chaincode authors: the fabric-shim-shaped stub and response types,
// ClientIdentity, the function router, composite-key helpers and the server itself.

export type * from './shim/types.ts';
/** fabric-shim's `Iterators` namespace, as types: `Iterators.KV`, `Iterators.StateQueryIterator`, ... */
export type * as Iterators from './shim/types.ts';
export { success, error, Shim, RESPONSE_CODE } from './shim/response.ts';
export { ClientIdentity, FABRIC_ATTRIBUTES_OID } from './shim/client-identity.ts';
export { Router } from './shim/router.ts';
export type { ChaincodeFunction, RoutedChaincode, RouterOptions } from './shim/router.ts';
export { createCompositeKey, splitCompositeKey } from './shim/keys.ts';
export { ChaincodeServer } from './shim/chaincode-server.ts';
export type { ChaincodeServerOptions, ServerTls } from './shim/chaincode-server.ts';
export { InvalidArgumentError, LedgerRequestError, StreamClosedError, TransactionEndedError } from './shim/errors.ts';
export {
    ContractChaincode,
    createContractChaincode,
    chaincodeFromModule,
    METADATA_SCHEMA_URL,
    SYSTEM_CONTRACT,
    Context,
    Contract,
    Default,
    Info,
    Object,
    Param,
    Property,
    Returns,
    Transaction,
} from './contracts/index.ts';
export type { ChaincodeInfo, ContractChaincodeOptions, ContractClass } from './contracts/index.ts';
