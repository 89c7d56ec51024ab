// SPDX-License-Identifier: Apache-2.0
//
// values.yaml, ci/*.yaml and values.schema.json agree: every value set validates, wrong types are rejected,
// every key is documented with a `# --` comment and described by the schema, and the schema has no key
// values.yaml lacks.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { CHART, CI_VALUE_FILES, PACKAGE_ID } from './helm.ts';

interface SchemaNode {
    readonly type?: string | readonly string[];
    readonly description?: string;
    readonly properties?: Readonly<Record<string, SchemaNode>>;
}

type Values = Record<string, unknown>;

const SCHEMA = JSON.parse(readFileSync(path.join(CHART, 'values.schema.json'), 'utf8')) as SchemaNode;
const VALUES_TEXT = readFileSync(path.join(CHART, 'values.yaml'), 'utf8');
const DEFAULTS = parse(VALUES_TEXT) as Values;
const validate = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true }).compile(SCHEMA);

function isMap(value: unknown): value is Values {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Helm's merge of a user values file over the defaults: maps merge key by key, anything else replaces. */
function merge(base: Values, override: Values): Values {
    const merged: Values = { ...base };
    for (const [key, value] of Object.entries(override)) {
        const current = merged[key];
        merged[key] = isMap(current) && isMap(value) ? merge(current, value) : value;
    }
    return merged;
}

function errorsOf(values: Values): string {
    return validate(values) ? '' : JSON.stringify(validate.errors, null, 2);
}

describe('values.schema.json', () => {
    test('accepts values.yaml with chaincode.id set', () => {
        assert.equal(errorsOf(merge(DEFAULTS, { chaincode: { id: PACKAGE_ID } })), '');
    });

    for (const file of CI_VALUE_FILES) {
        test(`accepts ci/${file} over values.yaml`, () => {
            const override = parse(readFileSync(path.join(CHART, 'ci', file), 'utf8')) as Values;
            assert.equal(errorsOf(merge(DEFAULTS, override)), '');
        });
    }

    const rejected: readonly (readonly [string, Values])[] = [
        ['replicaCount as a string', { replicaCount: 'abc' }],
        ['an unknown top-level key', { replicas: 2 }],
        ['an unknown nested key', { tls: { enable: true } }],
        ['a boolean as a string', { tls: { enabled: 'true' } }],
        ['a port out of range', { service: { grpcPort: 70000 } }],
        ['a dial timeout without a unit', { connection: { dialTimeout: '10' } }],
        ['a rootCert that is not PEM', { connection: { rootCert: 'MIIB...' } }],
        ['a label with a colon', { chaincode: { label: 'my:cc' } }],
        ['an issuer kind cert-manager does not know', { tls: { certManager: { issuerRef: { kind: 'Vault' } } } }],
    ];
    for (const [name, override] of rejected) {
        test(`rejects ${name}`, () => {
            assert.notEqual(errorsOf(merge(DEFAULTS, override)), '');
        });
    }
});

describe('values.yaml documentation', () => {
    /** Every key line of values.yaml down to where the schema stops describing properties, with its path. */
    function keyLines(): { path: string; line: number; comment: string[]; schema: SchemaNode | undefined }[] {
        const lines = VALUES_TEXT.split('\n');
        const found: { path: string; line: number; comment: string[]; schema: SchemaNode | undefined }[] = [];
        const stack: { indent: number; key: string; node: SchemaNode | undefined }[] = [];
        let opaqueBelow = Infinity;
        lines.forEach((text, index) => {
            const match = /^( *)([A-Za-z][\w.-]*):(\s|$)/.exec(text);
            if (!match) {
                return;
            }
            const indent = match[1]?.length ?? 0;
            if (indent > opaqueBelow) {
                return;
            }
            opaqueBelow = Infinity;
            while ((stack.at(-1)?.indent ?? -1) >= indent) {
                stack.pop();
            }
            const parent = stack.length === 0 ? SCHEMA : stack.at(-1)?.node;
            const key = match[2] ?? '';
            const node = parent?.properties?.[key];
            const comment: string[] = [];
            for (let i = index - 1; i >= 0 && /^\s*#/.test(lines[i] ?? ''); i--) {
                comment.unshift((lines[i] ?? '').trim());
            }
            found.push({ path: [...stack.map((s) => s.key), key].join('.'), line: index + 1, comment, schema: node });
            stack.push({ indent, key, node });
            if (node?.properties === undefined) {
                opaqueBelow = indent;
            }
        });
        return found;
    }

    test('has a "# --" comment right above every key', () => {
        const undocumented = keyLines()
            .filter(({ comment }) => !comment.some((line) => line.startsWith('# -- ')))
            .map(({ path: key, line }) => `${key} (line ${String(line)})`);
        assert.deepEqual(undocumented, []);
    });

    test('every key of values.yaml is a property of the schema, with a type and a description', () => {
        const missing = keyLines()
            .filter(({ schema }) => schema?.description === undefined || schema.type === undefined)
            .map(({ path: key }) => key);
        assert.deepEqual(missing, []);
    });

    test('every property of the schema is a key of values.yaml', () => {
        const keys = new Set(keyLines().map(({ path: key }) => key));
        const extra: string[] = [];
        const walk = (node: SchemaNode, prefix: string): void => {
            for (const [key, child] of Object.entries(node.properties ?? {})) {
                const name = prefix === '' ? key : `${prefix}.${key}`;
                if (name !== 'global' && !keys.has(name)) {
                    extra.push(name);
                }
                walk(child, name);
            }
        };
        walk(SCHEMA, '');
        assert.deepEqual(extra, []);
    });
});
