// SPDX-License-Identifier: Apache-2.0
//
// Builds the fabric-contract-api Context handed to each transaction function: the contract's
// own createContext(), then our stub, our ClientIdentity and a logging helper, as fabric-shim does.

import type { Context, Contract } from 'fabric-contract-api';
import type { Logger, LevelWithSilent } from 'pino';
import { ClientIdentity } from '../shim/client-identity.ts';
import type { ChaincodeStub } from '../shim/types.ts';

/** Fabric's log level names (as `CORE_CHAINCODE_LOGGING_LEVEL` takes them) mapped to pino's. */
const LEVELS: Readonly<Record<string, LevelWithSilent>> = {
    CRITICAL: 'fatal',
    ERROR: 'error',
    WARNING: 'warn',
    INFO: 'info',
    DEBUG: 'debug',
};

/** Calls `target[setter](value)` when the context has that method (Context does), else sets `target[field]`. */
function inject(target: Record<string, unknown>, setter: string, field: string, value: unknown): void {
    const method = target[setter];
    if (typeof method === 'function') {
        (method as (v: unknown) => void).call(target, value);
    } else {
        target[field] = value;
    }
}

/**
 * A new context for one transaction of `contract` (named `contractName`): `ctx.stub` is our
 * stub, `ctx.clientIdentity` our ClientIdentity (built first, so a creator that is not an
 * X.509 certificate fails the transaction, as in fabric-shim), and `ctx.logging.getLogger(name)`
 * a pino child logger tagged with the contract name.
 */
export function createTransactionContext(
    contract: Contract,
    contractName: string,
    stub: ChaincodeStub,
    logger: Logger,
): Context {
    const ctx = contract.createContext();
    const target = ctx as unknown as Record<string, unknown>;
    inject(target, 'setChaincodeStub', 'stub', stub);
    inject(target, 'setClientIdentity', 'clientIdentity', new ClientIdentity(stub));
    target.logging = {
        setLevel: (level: string): void => {
            logger.level = LEVELS[level.toUpperCase()] ?? 'info';
        },
        getLogger: (name?: string): Logger =>
            logger.child({ contract: name === undefined || name === '' ? contractName : `${contractName}:${name}` }),
    };
    return ctx;
}
