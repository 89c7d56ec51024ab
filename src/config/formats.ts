// SPDX-License-Identifier: Apache-2.0
//
// The custom convict formats our settings use, registered once when this module is first
// imported (the one import side effect config allows). Whole-number formats take their
// bounds from each setting's `min` and `max` in schema.ts.

import { readFileSync } from 'node:fs';
import convict from 'convict';
import { errorMessage } from '../shim/errors.ts';
import { parseHostPort } from '../shim/host-port.ts';

const accepts = new Map<string, string>();

/** Registers a format with convict, and what it accepts in words for --help. */
function addFormat(format: convict.Format & { readonly name: string }, description: string): void {
    convict.addFormat(format);
    accepts.set(format.name, description);
}

/** What a custom format accepts, in words; undefined for convict's own formats. */
export function formatDescription(name: string): string | undefined {
    return accepts.get(name);
}

addFormat(
    {
        name: 'chaincode-id',
        validate(value: unknown): void {
            if (value !== null && (typeof value !== 'string' || !/^\S+$/.test(value))) {
                throw new Error('must be a package ID such as mycc_1.0:<sha256>, without spaces');
            }
        },
    },
    'a package ID without spaces',
);

addFormat(
    {
        name: 'host-port',
        validate(value: unknown): void {
            if (typeof value !== 'string' || parseHostPort(value) === undefined) {
                throw new Error('must be host:port with a port from 0 to 65535, e.g. 0.0.0.0:9999');
            }
        },
    },
    'host:port',
);

addFormat(
    {
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
    },
    'the path of a PEM file',
);

addFormat(
    {
        name: 'pem',
        validate(value: unknown): void {
            if (value !== null && (typeof value !== 'string' || !value.includes('-----BEGIN '))) {
                throw new Error('must be PEM text (-----BEGIN ...)');
            }
        },
    },
    'PEM text',
);

addFormat(
    {
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
    },
    'true or false (or 1 or 0)',
);

addFormat(
    {
        name: 'optional-host-port',
        validate(value: unknown): void {
            if (
                value !== null &&
                (typeof value !== 'string' || parseHostPort(value.replace(/^grpcs?:\/\//, '')) === undefined)
            ) {
                throw new Error('must be host:port, e.g. peer0.org1.example.com:7052');
            }
        },
    },
    'host:port, optionally after grpc:// or grpcs://',
);

/** Node's timers fire at once, with a TimeoutOverflowWarning, when asked to wait longer than this. */
export const MAX_TIMER_MS = 2_147_483_647;

/** The formats of whole-number settings; each such setting declares its `min` and `max` in the schema. */
export const INTEGER_FORMATS: readonly string[] = ['milliseconds', 'bytes'];

/** Only plain decimal digits become a number: no sign, fraction, exponent, blank or surrounding space. */
function strictInteger(value: unknown): unknown {
    return typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : value;
}

function bounds(spec: convict.SchemaObj): { min: number; max: number } {
    const { min, max } = spec as { min?: unknown; max?: unknown };
    if (typeof min !== 'number' || typeof max !== 'number') {
        throw new Error('the schema declares no min and max for this setting');
    }
    return { min, max };
}

for (const unit of INTEGER_FORMATS) {
    addFormat(
        {
            name: unit,
            validate(value: unknown, spec: convict.SchemaObj): void {
                const { min, max } = bounds(spec);
                if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
                    throw new Error(`must be a whole number of ${unit} from ${String(min)} to ${String(max)}`);
                }
            },
            coerce: strictInteger,
        },
        `a whole number of ${unit}`,
    );
}
