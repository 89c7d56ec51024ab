// SPDX-License-Identifier: Apache-2.0
//
// Recognises a module that exports fabric-contract-api contracts the way fabric-chaincode-node
// expects (`module.exports.contracts = [...]`) and serves them.

import type { Contract } from 'fabric-contract-api';
import type { RoutedChaincode } from '../shim/router.ts';
import { createContractChaincode, type ContractChaincodeOptions, type ContractClass } from './contract-chaincode.ts';
import { asRecord } from './reflect-metadata.ts';

/** An export of the module, or of its CommonJS `module.exports` (which `import()` puts under `default`). */
function exported(moduleExports: unknown, name: string): unknown {
    const namespace = asRecord(moduleExports);
    if (namespace === undefined) {
        return undefined;
    }
    return namespace[name] ?? asRecord(namespace.default)?.[name];
}

/**
 * The chaincode for a loaded module (`await import(path)`, ESM or CommonJS) that exports
 * `contracts`, an array of Contract classes or instances; undefined when it exports no
 * `contracts`. Throws when `contracts` is not such an array, or when the module exports
 * `serializers` (only fabric-contract-api's JSON serialization is supported).
 */
export function chaincodeFromModule(
    moduleExports: unknown,
    options: ContractChaincodeOptions = {},
): RoutedChaincode | undefined {
    const contracts = exported(moduleExports, 'contracts');
    if (contracts === undefined) {
        return undefined;
    }
    if (!Array.isArray(contracts) || !contracts.every((c) => typeof c === 'function' || typeof c === 'object')) {
        throw new TypeError("the module's `contracts` export must be an array of fabric-contract-api Contract classes");
    }
    if (exported(moduleExports, 'serializers') !== undefined) {
        throw new Error(
            "the module exports `serializers`: custom serializers are not supported, only fabric-contract-api's JSON one",
        );
    }
    return createContractChaincode(contracts as (ContractClass | Contract)[], options);
}
