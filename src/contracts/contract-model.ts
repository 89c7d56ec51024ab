// SPDX-License-Identifier: Apache-2.0
//
// What one contract offers, read from its decorators' metadata (or, without decorators, from
// its methods, as fabric-shim does): its name, transactions, parameters and metadata entry.

import { Contract } from 'fabric-contract-api';
import type { ParameterDescription } from './arguments.ts';
import { parameterNames } from './parameter-names.ts';
import { asRecord, readGlobalMetadata, readMetadata } from './reflect-metadata.ts';

type JsonRecord = Readonly<Record<string, unknown>>;
type Method = (...args: never[]) => unknown;

/** One transaction function of a contract. */
export interface TransactionDescription {
    readonly name: string;
    /** Its parameters in order; undefined passes every argument as a string (a contract without decorators). */
    readonly parameters: readonly ParameterDescription[] | undefined;
    /** Its entry in the GetMetadata document. */
    readonly metadata: JsonRecord;
}

/** A contract instance and what the runtime needs to dispatch to it. */
export interface ContractDescription {
    readonly name: string;
    readonly contract: Contract;
    readonly transactions: ReadonlyMap<string, TransactionDescription>;
    /** Its entry in the GetMetadata document's `contracts`. */
    readonly metadata: JsonRecord;
}

/** A JSON copy, as fabric-shim makes of its metadata (functions and undefined fields drop out). */
export function jsonCopy(value: unknown): unknown {
    const json = JSON.stringify(value) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as unknown);
}

function methodOf(contract: Contract, name: string): Method | undefined {
    const value: unknown = (contract as unknown as Record<string, unknown>)[name];
    return typeof value === 'function' ? (value as Method) : undefined;
}

function parametersFrom(value: unknown): ParameterDescription[] | undefined {
    if (!Array.isArray(value)) {
        return undefined;
    }
    return value.map((entry: unknown, index) => {
        const record = asRecord(entry);
        const name = record?.name;
        return { name: typeof name === 'string' ? name : `arg${index}`, schema: asRecord(record?.schema) ?? {} };
    });
}

/**
 * Without `design:paramtypes` (tsx and esbuild do not emit it) `@Transaction()` records no
 * parameters; take them from the method's source instead, after the context: a name
 * described by `@Param` keeps its schema, any other is a string.
 */
function withoutDesignTypes(method: Method, described: readonly unknown[]): { name: string; schema: JsonRecord }[] {
    return parameterNames(method)
        .slice(1)
        .map((name) => {
            const entry = described.map((d) => asRecord(jsonCopy(d))).find((d) => d?.name === name);
            return { description: '', ...entry, name, schema: asRecord(entry?.schema) ?? { type: 'string' } };
        });
}

function decoratedTransactions(contract: Contract, entries: readonly unknown[]): TransactionDescription[] {
    const transactions: TransactionDescription[] = [];
    for (const entry of entries) {
        const record = asRecord(entry);
        const name = record?.name;
        if (record === undefined || typeof name !== 'string') {
            throw new Error(
                `contract ${contract.getName()}: malformed fabric:transactions entry ${String(jsonCopy(entry))}`,
            );
        }
        const method = methodOf(contract, name);
        let metadata = jsonCopy(record) as JsonRecord;
        if (
            Array.isArray(record.parameters) &&
            method !== undefined &&
            readMetadata('design:paramtypes', contract, name) === undefined
        ) {
            metadata = { ...metadata, parameters: withoutDesignTypes(method, record.parameters) };
        }
        transactions.push({ name, parameters: parametersFrom(metadata.parameters), metadata });
    }
    return transactions;
}

/** fabric-shim's introspection for a contract without `@Transaction`: every own public method, arguments as strings. */
function introspectedTransactions(contract: Contract): TransactionDescription[] {
    const skip = new Set(Object.getOwnPropertyNames(Contract.prototype));
    const transactions: TransactionDescription[] = [];
    for (const name of Object.getOwnPropertyNames(Object.getPrototypeOf(contract))) {
        const method = methodOf(contract, name);
        if (method === undefined || name === 'constructor' || name.startsWith('_') || skip.has(name)) {
            continue;
        }
        const parameters =
            method.length > 1
                ? Array.from({ length: method.length - 1 }, (_, i) => ({
                      name: `arg${i}`,
                      description: `Argument ${i}`,
                      schema: { type: 'string' },
                  }))
                : undefined;
        // fabric-shim writes `tags` here, not the `tag` that @Transaction writes.
        const metadata = { name, tags: ['SUBMIT', 'submitTx'], ...(parameters === undefined ? {} : { parameters }) };
        transactions.push({ name, parameters, metadata });
    }
    return transactions;
}

/** The `@Info` of a contract's class, keyed by class name as fabric-contract-api keeps it. */
function contractInfo(contract: Contract): unknown {
    const info = asRecord(readGlobalMetadata('fabric:info'))?.[contract.constructor.name];
    return info === undefined ? { title: '', version: '' } : jsonCopy(info);
}

/**
 * The description of `contract`. `isDefault` marks the contract bare function names go to;
 * fabric-shim records it as `contractInstance.default` in the metadata.
 */
export function describeContract(contract: Contract, isDefault: boolean): ContractDescription {
    const name = contract.getName();
    const recorded: unknown = readMetadata('fabric:transactions', contract);
    const list =
        Array.isArray(recorded) && recorded.length > 0
            ? decoratedTransactions(contract, recorded)
            : introspectedTransactions(contract);
    // fabric-shim lists the instance's own fields, minus those starting with "_" (`__isContract`).
    const fields = Object.entries(asRecord(jsonCopy(contract)) ?? {}).filter(([key]) => !key.startsWith('_'));
    const instance = Object.fromEntries(isDefault ? [...fields, ['default', true]] : fields);
    return {
        name,
        contract,
        transactions: new Map(list.map((t) => [t.name, t])),
        metadata: {
            name,
            contractInstance: instance,
            transactions: list.map((t) => t.metadata),
            info: contractInfo(contract),
        },
    };
}
