// SPDX-License-Identifier: Apache-2.0
//
// The error a wrong setting stops start-up with.

/** A setting is missing, malformed or inconsistent; start-up stops. */
export class ConfigError extends Error {
    readonly code = 'CONFIG_INVALID';
    override readonly name = 'ConfigError';
}
