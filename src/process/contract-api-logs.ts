// SPDX-License-Identifier: Apache-2.0
//
// fabric-contract-api's log routed into our pino logger. The package logs through its own
// lib/logger.js, which makes winston console loggers (coloured text lines on stdout) and
// installs winston's uncaughtException handler when it loads. We put our own exports for that
// module in the CommonJS cache before the package is loaded, so its file never runs.

import { createRequire, Module } from 'node:module';
import { format } from 'node:util';
import type { Logger } from 'pino';

/** What fabric-contract-api's files use of the logger module: `getLogger(name)` and `setLevel()`. */
interface LoggerModule {
    getLogger(name?: string): ContractApiLogger;
    setLevel(level: string): void;
}

/** The winston logger methods fabric-contract-api calls, each with printf-style arguments. */
type LogMethod = (...args: unknown[]) => void;
type ContractApiLogger = Record<'error' | 'warn' | 'info' | 'verbose' | 'debug' | 'silly', LogMethod>;

const LOGGER_FILE = 'fabric-contract-api/lib/logger.js';

/**
 * Routes the log of the fabric-contract-api copy that `from` (a file path or URL) resolves to
 * into `logger`, as JSON lines with `component: fabric-contract-api`, at `logger`'s level.
 * Only resolves the package: nothing of it is loaded. Returns false when there is no copy
 * to route from there, or when that copy was loaded already (its loggers exist by then).
 */
export function routeContractApiLogs(logger: Logger, from: string): boolean {
    const require = createRequire(from);
    let file: string;
    try {
        file = require.resolve(LOGGER_FILE);
    } catch {
        return false;
    }
    const loaded = require.cache[file];
    if (loaded !== undefined) {
        return loaded.exports === loggerModules.get(logger);
    }
    const entry = new Module(file);
    entry.filename = file;
    entry.loaded = true;
    entry.exports = loggerModule(logger);
    require.cache[file] = entry;
    return true;
}

const loggerModules = new WeakMap<Logger, LoggerModule>();

function loggerModule(logger: Logger): LoggerModule {
    const root = logger.child({ component: 'fabric-contract-api' });
    const module: LoggerModule = {
        getLogger: (name = '') => contractApiLogger(name === '' ? root : root.child({ file: name })),
        // The level is ours (LOG_LEVEL): fabric-contract-api's CORE_CHAINCODE_LOGGING_LEVEL is not read.
        setLevel: () => undefined,
    };
    loggerModules.set(logger, module);
    return module;
}

function contractApiLogger(log: Logger): ContractApiLogger {
    const method =
        (level: 'error' | 'warn' | 'info' | 'debug' | 'trace'): LogMethod =>
        (...args) => {
            if (!log.isLevelEnabled(level)) {
                return;
            }
            const err = args.find((arg): arg is Error => arg instanceof Error);
            const text = format(...args.filter((arg) => arg !== err));
            if (err === undefined) {
                log[level](text);
            } else {
                log[level]({ err }, text);
            }
        };
    return {
        error: method('error'),
        warn: method('warn'),
        info: method('info'),
        verbose: method('debug'),
        debug: method('debug'),
        silly: method('trace'),
    };
}
