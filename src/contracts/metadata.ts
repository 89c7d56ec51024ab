// SPDX-License-Identifier: Apache-2.0
//
// The document `org.hyperledger.fabric:GetMetadata` returns: every contract with its
// transactions and info, the `@Object` schemas and the chaincode's info, shaped as fabric-shim's.

import { jsonCopy, type ContractDescription } from './contract-model.ts';

/** The contract name fabric-shim serves GetMetadata under. */
export const SYSTEM_CONTRACT = 'org.hyperledger.fabric';

/** The `$schema` fabric-shim writes into the metadata. */
export const METADATA_SCHEMA_URL = 'https://hyperledger.github.io/fabric-chaincode-node/main/api/contract-schema.json';

/** The chaincode-wide `info` of the metadata; fabric-shim takes it from the package.json `name` and `version`. */
export interface ChaincodeInfo {
    readonly title?: string;
    readonly version?: string;
}

/**
 * The metadata document for `contracts`, with `objects` (`fabric:objects`) as its component
 * schemas. A JSON copy, so each `@Object` class reference (`cnstr`) drops out as in fabric-shim.
 */
export function buildMetadata(
    contracts: readonly ContractDescription[],
    info: ChaincodeInfo,
    objects: unknown,
): Readonly<Record<string, unknown>> {
    const entries: Record<string, unknown> = {};
    for (const contract of contracts) {
        entries[contract.name] = contract.metadata;
    }
    entries[SYSTEM_CONTRACT] = {
        name: SYSTEM_CONTRACT,
        contractInstance: { name: SYSTEM_CONTRACT },
        transactions: [{ name: 'GetMetadata' }],
        info: { title: '', version: '' },
    };
    return jsonCopy({
        $schema: METADATA_SCHEMA_URL,
        contracts: entries,
        info: { version: info.version ?? '', title: info.title ?? '' },
        components: { schemas: objects ?? {} },
    }) as Readonly<Record<string, unknown>>;
}
