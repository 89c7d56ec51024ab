// SPDX-License-Identifier: Apache-2.0
//
// `host:port` addresses, as the listeners, the settings and the packaging tool read them.

/** Splits `host:port` (IPv6 in brackets, returned without them); undefined when it is not one. */
export function parseHostPort(address: string): { host: string; port: number } | undefined {
    const match = /^(\[[0-9a-fA-F:.]+\]|[^\s:[\]]+):(\d{1,5})$/.exec(address);
    const port = Number(match?.[2]);
    if (match?.[1] === undefined || !Number.isInteger(port) || port > 65535) {
        return undefined;
    }
    return { host: match[1].replace(/^\[|\]$/g, ''), port };
}
