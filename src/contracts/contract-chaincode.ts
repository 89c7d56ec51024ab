// SPDX-License-Identifier: Apache-2.0
//
// Serves fabric-contract-api contracts as a Chaincode: routes `Contract:function` (or a bare
// function to the default contract), runs the hooks, converts arguments and return values.

import { Contract, type Context } from 'fabric-contract-api';
import pino, { type Logger } from 'pino';
import { error, RESPONSE_CODE, success } from '../shim/response.ts';
import type { RoutedChaincode } from '../shim/router.ts';
import type { ChaincodeResponse, ChaincodeStub } from '../shim/types.ts';
import { ArgumentError, convertArguments } from './arguments.ts';
import { createTransactionContext } from './context.ts';
import { describeContract, type ContractDescription } from './contract-model.ts';
import { buildMetadata, SYSTEM_CONTRACT, type ChaincodeInfo } from './metadata.ts';
import { readGlobalMetadata } from './reflect-metadata.ts';
import { componentsFrom, type Components } from './schema.ts';
import { serializeResult } from './serializer.ts';

/** A class extending fabric-contract-api's `Contract`, constructed without arguments. */
export type ContractClass = new () => Contract;

/** Options for {@link createContractChaincode}. */
export interface ContractChaincodeOptions extends ChaincodeInfo {
    /** The parent of the loggers `ctx.logging.getLogger()` returns; silent when omitted. */
    readonly logger?: Logger;
}

/** aroundTransaction as fabric-contract-api calls it: with the function's name (its typings say Function). */
interface AroundTransaction {
    aroundTransaction(ctx: Context, fn: string, parameters: unknown[]): Promise<unknown>;
}

const utf8 = new TextDecoder();

function isContract(value: unknown): value is Contract {
    // fabric-contract-api's own test (Contract._isContract): a subclass, or a Contract from another copy of the package.
    return (
        value instanceof Contract ||
        (typeof value === 'object' && value !== null && (value as { __isContract?: unknown }).__isContract === true)
    );
}

function instantiate(entry: ContractClass | Contract): Contract {
    const contract: unknown = typeof entry === 'function' ? new entry() : entry;
    if (!isContract(contract)) {
        const what = typeof entry === 'function' ? `class ${entry.name}` : typeof entry;
        throw new TypeError(`not a fabric-contract-api Contract class or instance: ${what}`);
    }
    return contract;
}

function messageOf(err: unknown): string {
    return err instanceof Error ? err.message : String(err);
}

/**
 * fabric-contract-api contracts as a {@link RoutedChaincode}. Init and Invoke behave alike, as
 * in fabric-shim: args[0] is `Contract:function`, or a bare function of the default contract.
 */
export class ContractChaincode implements RoutedChaincode {
    readonly functionNames: readonly string[];
    readonly #contracts: ReadonlyMap<string, ContractDescription>;
    readonly #defaultName: string;
    readonly #components: Components;
    readonly #metadata: Uint8Array;
    readonly #logger: Logger;

    constructor(contracts: readonly (ContractClass | Contract)[], options: ContractChaincodeOptions = {}) {
        const instances = contracts.map(instantiate);
        const names = instances.map((c) => c.getName());
        const first = names[0];
        if (first === undefined) {
            throw new Error('createContractChaincode needs at least one contract');
        }
        const duplicate = names.find((name, i) => names.indexOf(name) !== i || name === SYSTEM_CONTRACT);
        if (duplicate !== undefined) {
            throw new Error(`two contracts are named "${duplicate}"; give each a unique name (super('name'))`);
        }
        const marked = readGlobalMetadata('fabric:default');
        // fabric-shim keeps a @Default() name even when no supplied contract has it; we fall back to the first.
        this.#defaultName = typeof marked === 'string' && names.includes(marked) ? marked : first;
        const descriptions = instances.map((c) => describeContract(c, c.getName() === this.#defaultName));
        this.#contracts = new Map(descriptions.map((d) => [d.name, d]));
        const objects = readGlobalMetadata('fabric:objects');
        this.#components = componentsFrom(objects);
        this.#metadata = serializeResult(buildMetadata(descriptions, options, objects));
        this.#logger = (options.logger ?? pino({ level: 'silent' })).child({ component: 'contracts' });
        const defaultContract = this.#contracts.get(this.#defaultName);
        this.functionNames = Object.freeze([
            ...(defaultContract === undefined ? [] : defaultContract.transactions.keys()),
            ...descriptions.flatMap((d) => [...d.transactions.keys()].map((fn) => `${d.name}:${fn}`)),
            `${SYSTEM_CONTRACT}:GetMetadata`,
        ]);
    }

    /** The name bare function names are routed to: the `@Default()` contract, else the first. */
    get defaultContractName(): string {
        return this.#defaultName;
    }

    Init(stub: ChaincodeStub): Promise<ChaincodeResponse> {
        return this.#dispatch(stub);
    }

    Invoke(stub: ChaincodeStub): Promise<ChaincodeResponse> {
        return this.#dispatch(stub);
    }

    async #dispatch(stub: ChaincodeStub): Promise<ChaincodeResponse> {
        const [first, ...args] = stub.getBufferArgs();
        if (first === undefined) {
            return success(Buffer.from('Default initiator successful.'));
        }
        const fcn = utf8.decode(first);
        // Everything before the first ':' names the contract (fabric-shim's _splitFunctionName).
        const colon = fcn.indexOf(':');
        const contractName = colon > 0 ? fcn.slice(0, colon) : this.#defaultName;
        const fn = colon >= 0 ? fcn.slice(colon + 1) : fcn;
        try {
            if (contractName === SYSTEM_CONTRACT) {
                if (fn === 'GetMetadata') {
                    return success(this.#metadata);
                }
                throw new Error(`You've asked to invoke a function that does not exist: ${fcn}`);
            }
            const description = this.#contracts.get(contractName);
            if (description === undefined) {
                throw new Error(`Contract name is not known: ${contractName}`);
            }
            return await this.#run(description, fn, args, stub);
        } catch (err) {
            if (err instanceof ArgumentError) {
                return { status: RESPONSE_CODE.ERRORTHRESHOLD, message: err.message, payload: new Uint8Array(0) };
            }
            return error(messageOf(err));
        }
    }

    async #run(
        { name, contract, transactions }: ContractDescription,
        fn: string,
        args: readonly Uint8Array[],
        stub: ChaincodeStub,
    ): Promise<ChaincodeResponse> {
        const ctx = createTransactionContext(contract, name, stub, this.#logger);
        const transaction = transactions.get(fn);
        if (transaction === undefined) {
            // The default unknownTransaction throws "You've asked to invoke a function that does not exist".
            await contract.unknownTransaction(ctx);
            return success();
        }
        const parameters = convertArguments(`${name}:${fn}`, transaction.parameters, args, this.#components);
        await contract.beforeTransaction(ctx);
        const result = await (contract as unknown as AroundTransaction).aroundTransaction(ctx, fn, parameters);
        await contract.afterTransaction(ctx, result);
        return success(serializeResult(result));
    }
}

/**
 * Serves fabric-contract-api contracts (classes or instances) as a chaincode. `functionNames`
 * lists the default contract's bare names, every `Contract:function`, and
 * `org.hyperledger.fabric:GetMetadata`.
 */
export function createContractChaincode(
    contracts: readonly (ContractClass | Contract)[],
    options: ContractChaincodeOptions = {},
): ContractChaincode {
    return new ContractChaincode(contracts, options);
}
