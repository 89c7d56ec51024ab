// SPDX-License-Identifier: Apache-2.0
//
// Picks the chaincode the process serves: src/chaincode/, or a module named
// by the `chaincode.module` setting that exports fabric-contract-api `contracts`, a
// `createChaincode()` factory, or a Chaincode object.

import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { createChaincode } from '../chaincode/index.ts';
import { settingName } from '../config/settings.ts';
import { ConfigError } from '../config/config-error.ts';
import { errorMessage } from '../shim/errors.ts';
import type { RoutedChaincode } from '../shim/router.ts';
import type { Chaincode } from '../shim/types.ts';
import { startedChaincode } from './started-chaincode.ts';

const MODULE_SETTING = settingName('chaincode.module');

/** The `name` and `version` of the module directory's package.json, which fabric-shim reports as GetMetadata's `info`. */
export interface PackageInfo {
    readonly title?: string;
    readonly version?: string;
}

/** Recognises a module of fabric-contract-api contracts; undefined when it is not one. */
export type ContractModuleAdapter = (moduleExports: unknown, info: PackageInfo) => RoutedChaincode | undefined;

export interface ChaincodeLoadOptions {
    /**
     * Loads the contract runtime: called only for a module that exports `contracts`, so a
     * plain chaincode never loads fabric-contract-api.
     */
    readonly contracts?: () => Promise<ContractModuleAdapter>;
    /** Called with the module's entry file before it is imported. */
    readonly beforeImport?: (entry: string) => void;
}

/** Loads the chaincode to serve; `modulePath` is resolved against the working directory. */
export async function loadChaincode(
    modulePath: string | undefined,
    options: ChaincodeLoadOptions = {},
): Promise<RoutedChaincode> {
    const started = startedChaincode();
    if (started !== undefined) {
        return started;
    }
    if (modulePath === undefined) {
        return createChaincode();
    }
    const { entry, info } = moduleEntry(path.resolve(modulePath));
    options.beforeImport?.(entry);
    let exports: unknown;
    try {
        exports = await import(pathToFileURL(entry).href);
    } catch (err) {
        throw new ConfigError(`${MODULE_SETTING}: cannot load ${entry}: ${errorMessage(err)}`, {
            cause: err,
        });
    }
    const contractAdapter = options.contracts && exportsContracts(exports) ? await options.contracts() : undefined;
    const chaincode = contractAdapter?.(exports, info) ?? chaincodeExport(exports);
    if (chaincode === undefined) {
        throw new ConfigError(
            `${MODULE_SETTING}: ${entry} exports neither \`contracts\`, \`createChaincode()\` nor a Chaincode with Init and Invoke`,
        );
    }
    return chaincode;
}

/** Whether the module (ESM, or CommonJS under `default`) has a `contracts` export. */
function exportsContracts(exports: unknown): boolean {
    const has = (value: unknown): boolean => typeof value === 'object' && value !== null && 'contracts' in value;
    return has(exports) || has((exports as { default?: unknown } | null)?.default);
}

/** A file as is; a directory through its package.json `main` (else index.js), with the package's name and version. */
function moduleEntry(target: string): { entry: string; info: PackageInfo } {
    if (!existsSync(target)) {
        throw new ConfigError(`${MODULE_SETTING}: ${target} does not exist`);
    }
    if (!statSync(target).isDirectory()) {
        return { entry: target, info: {} };
    }
    const manifest = path.join(target, 'package.json');
    if (!existsSync(manifest)) {
        return { entry: path.join(target, 'index.js'), info: {} };
    }
    const { main, name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as Record<string, unknown>;
    const info = {
        ...(typeof name === 'string' ? { title: name } : {}),
        ...(typeof version === 'string' ? { version } : {}),
    };
    return { entry: path.join(target, typeof main === 'string' ? main : 'index.js'), info };
}

function chaincodeExport(exports: unknown): RoutedChaincode | undefined {
    if (typeof exports !== 'object' || exports === null) {
        return undefined;
    }
    const candidates = exports as Record<string, unknown>;
    const factory = candidates.createChaincode;
    const value: unknown =
        typeof factory === 'function' ? (factory as () => unknown)() : (candidates.chaincode ?? candidates.default);
    if (!isChaincode(value)) {
        return undefined;
    }
    const names = (value as { functionNames?: unknown }).functionNames;
    // Methods are called on the instance itself: a class chaincode may hold #private fields.
    return {
        Init: (stub) => value.Init(stub),
        Invoke: (stub) => value.Invoke(stub),
        functionNames: Array.isArray(names) ? names.filter((n): n is string => typeof n === 'string') : [],
    };
}

function isChaincode(value: unknown): value is Chaincode {
    return (
        typeof value === 'object' &&
        value !== null &&
        typeof (value as Partial<Chaincode>).Init === 'function' &&
        typeof (value as Partial<Chaincode>).Invoke === 'function'
    );
}
