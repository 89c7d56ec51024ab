// SPDX-License-Identifier: Apache-2.0
//
// Checks of the values that go into metadata.json and connection.json: the label, the address and the dial
// timeout follow the rules the peer applies (docs/external-builders.md §6 and §7).

import { isIP } from 'node:net';
import { parseHostPort } from '../shim/host-port.ts';
import { ToolError } from './tool-error.ts';

/** Fabric's label rule, core/chaincode/persistence/chaincode_package.go (ASCII [[:alnum:]]). */
export const LABEL_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.+-]*$/;

// A Go time.ParseDuration string (µs left out: ASCII only), or the bare "0" Go also accepts.
const GO_DURATION = /^(?:(?:\d+(?:\.\d*)?|\.\d+)(?:ns|us|ms|s|m|h))+$|^0$/;

/** Throws unless the label is one the peer accepts. */
export function checkLabel(label: string): void {
    if (!LABEL_PATTERN.test(label)) {
        throw new ToolError(
            `invalid label "${label}": it must start with a letter or digit and hold only letters, digits and . + - _`,
        );
    }
}

/** Throws unless the value is a Go duration string such as "10s". */
export function checkDialTimeout(value: string): void {
    if (!GO_DURATION.test(value)) {
        throw new ToolError(`--dial-timeout "${value}" is not a duration such as 10s or 500ms`);
    }
}

/** True when the value holds {{.key}} placeholders the builder renders on each peer. */
export function isTemplated(value: string): boolean {
    return value.includes('{{');
}

/**
 * Splits HOST:PORT (IPv6 hosts in brackets) and returns the host; throws if the address is malformed.
 * A templated address is left to builders/bin/build, which checks it once rendered on the peer.
 */
export function addressHost(address: string): string | undefined {
    if (isTemplated(address)) {
        return undefined;
    }
    const target = parseHostPort(address);
    if (target === undefined || target.port < 1) {
        throw new ToolError(`--address "${address}" is not HOST:PORT with a port from 1 to 65535`);
    }
    const { host } = target;
    if (address.startsWith('[') && isIP(host) !== 6) {
        throw new ToolError(`--address "${address}" has no valid host`);
    }
    return host;
}
