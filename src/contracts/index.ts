// SPDX-License-Identifier: Apache-2.0
//
// The contract runtime: serve fabric-contract-api contracts as a chaincode, load them from a
// module, and the package's decorators as ES module exports.

export { ContractChaincode, createContractChaincode } from './contract-chaincode.ts';
export type { ContractChaincodeOptions, ContractClass } from './contract-chaincode.ts';
export { chaincodeFromModule } from './module-loader.ts';
export { METADATA_SCHEMA_URL, SYSTEM_CONTRACT } from './metadata.ts';
export type { ChaincodeInfo } from './metadata.ts';
export { Context, Contract, Default, Info, Object, Param, Property, Returns, Transaction } from './decorators.ts';
