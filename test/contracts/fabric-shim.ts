// SPDX-License-Identifier: Apache-2.0
//
// fabric-shim 2.5.8's own contract dispatch and metadata schema check, run in-process on the
// same contract classes, to compare our GetMetadata with theirs.

import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

interface ChaincodeFromContract {
    readonly contractImplementations: Readonly<
        Record<string, { readonly contractInstance: { GetMetadata?: () => Promise<unknown> } }>
    >;
}

type ChaincodeFromContractClass = new (
    contracts: unknown[],
    serializers: unknown,
    metadata: object,
    title: string,
    version: string,
) => ChaincodeFromContract;

interface Ajv6 {
    addMetaSchema(schema: unknown): void;
    validate(schema: unknown, data: unknown): boolean;
    errors?: unknown[] | null;
}

/** fabric-shim's GetMetadata result for `contracts`, with `title`/`version` as its bootstrap reads them from package.json. */
export async function fabricShimMetadata(contracts: readonly unknown[], title = '', version = ''): Promise<unknown> {
    const ChaincodeFromContract =
        require('fabric-shim/lib/contract-spi/chaincodefromcontract.js') as ChaincodeFromContractClass;
    const { JSONSerializer } = require('fabric-contract-api') as { JSONSerializer: unknown };
    const serializers = { transaction: 'jsonSerializer', serializers: { jsonSerializer: JSONSerializer } };
    // It appends its system contract to the array it is given, so hand it a copy.
    const chaincode = new ChaincodeFromContract([...contracts], serializers, {}, title, version);
    const system = chaincode.contractImplementations['org.hyperledger.fabric']?.contractInstance;
    if (system?.GetMetadata === undefined) {
        throw new Error('fabric-shim has no org.hyperledger.fabric system contract');
    }
    // GetMetadata's payload is JSON; a JSON round trip gives the document a client parses.
    return JSON.parse(JSON.stringify(await system.GetMetadata())) as unknown;
}

/**
 * Problems found by validating `metadata` against fabric-contract-api's schema/contract-schema.json,
 * as fabric-shim's bootstrap validates a metadata file: ajv 6 (fabric-shim's copy; ajv 8 has no
 * draft-04) with the draft-04 meta-schema. Empty when valid.
 */
export function metadataSchemaErrors(metadata: unknown): unknown[] {
    const shimRequire = createRequire(require.resolve('fabric-shim'));
    const Ajv = shimRequire('ajv') as new (options: object) => Ajv6;
    const ajv = new Ajv({ schemaId: 'id', logger: false });
    ajv.addMetaSchema(shimRequire('ajv/lib/refs/json-schema-draft-04.json'));
    const schema: unknown = require('fabric-contract-api/schema/contract-schema.json');
    return ajv.validate(schema, metadata) ? [] : (ajv.errors ?? ['invalid']);
}
