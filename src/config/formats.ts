// SPDX-License-Identifier: Apache-2.0
//
// The custom convict formats our settings use, registered once when this module is first
// imported (the one import side effect config allows).

import { readFileSync } from 'node:fs';
import convict from 'convict';
import { errorMessage } from '../shim/errors.ts';
import { parseHostPort } from '../shim/host-port.ts';

convict.addFormat({
    name: 'chaincode-id',
    validate(value: unknown): void {
        if (value !== null && (typeof value !== 'string' || !/^\S+$/.test(value))) {
            throw new Error('must be a package ID such as mycc_1.0:<sha256>, without spaces');
        }
    },
});

convict.addFormat({
    name: 'host-port',
    validate(value: unknown): void {
        if (typeof value !== 'string' || parseHostPort(value) === undefined) {
            throw new Error('must be host:port with a port from 0 to 65535, e.g. 0.0.0.0:9999');
        }
    },
});

convict.addFormat({
    name: 'pem-file',
    validate(value: unknown): void {
        if (value === null) {
            return;
        }
        if (typeof value !== 'string' || value === '') {
            throw new Error('must be the path of a PEM file');
        }
        let text: string;
        try {
            text = readFileSync(value, 'utf8');
        } catch (err) {
            throw new Error(`cannot read the file: ${errorMessage(err)}`, { cause: err });
        }
        if (!text.includes('-----BEGIN ')) {
            throw new Error('the file holds no PEM block');
        }
    },
});

convict.addFormat({
    name: 'pem',
    validate(value: unknown): void {
        if (value !== null && (typeof value !== 'string' || !value.includes('-----BEGIN '))) {
            throw new Error('must be PEM text (-----BEGIN ...)');
        }
    },
});

convict.addFormat({
    name: 'strict-boolean',
    validate(value: unknown): void {
        if (value !== null && typeof value !== 'boolean') {
            throw new Error('must be true or false');
        }
    },
    coerce(value: unknown): unknown {
        const text = String(value).trim().toLowerCase();
        if (text === 'true' || text === '1') {
            return true;
        }
        if (text === 'false' || text === '0') {
            return false;
        }
        return value;
    },
});

convict.addFormat({
    name: 'optional-host-port',
    validate(value: unknown): void {
        if (
            value !== null &&
            (typeof value !== 'string' || parseHostPort(value.replace(/^grpcs?:\/\//, '')) === undefined)
        ) {
            throw new Error('must be host:port, e.g. peer0.org1.example.com:7052');
        }
    },
});

convict.addFormat({
    name: 'client-keepalive',
    validate(value: unknown): void {
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 60_000) {
            throw new Error('must be at least 60000: the peer answers faster pings with GOAWAY too_many_pings');
        }
    },
    coerce: (value: unknown): unknown => Number(value),
});
