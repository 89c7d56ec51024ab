// SPDX-License-Identifier: Apache-2.0
//
// The chart as Helm sees it: lint and template pass for the defaults and every ci/*.yaml value set, the
// schema rejects wrong types at `helm template`, and contradictory values fail with a message naming them.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { CHART, CI_VALUE_FILES, PACKAGE_ID, ROOT, helm, helmTemplate } from './helm.ts';

const PEM = '-----BEGIN CERTIFICATE-----\nplaceholder\n-----END CERTIFICATE-----\n';

/** The only value without a default; `chaincode.allowDevelopmentId=true` is the other way to render. */
const ID = ['--set', `chaincode.id=${PACKAGE_ID}`];

const VALUE_SETS: readonly (readonly [string, readonly string[]])[] = [
    ['the default values with chaincode.id', ID],
    ['the default values with chaincode.allowDevelopmentId', ['--set', 'chaincode.allowDevelopmentId=true']],
    ...CI_VALUE_FILES.map((file) => [`ci/${file}`, ['-f', path.join(CHART, 'ci', file)]] as const),
];

describe('helm lint and helm template', () => {
    for (const [name, args] of VALUE_SETS) {
        test(`pass for ${name}`, () => {
            const lint = helm(['lint', '--strict', CHART, ...args]);
            assert.equal(lint.status, 0, lint.stdout + lint.stderr);
            assert.match(lint.stdout, /1 chart\(s\) linted, 0 chart\(s\) failed/);
            const template = helmTemplate(args);
            assert.equal(template.status, 0, template.stderr);
            assert.match(template.stdout, /kind: Deployment/);
        });
    }

    test('the chart appVersion is the package.json version, so the default image tag is this release', () => {
        const chart = parse(readFileSync(path.join(CHART, 'Chart.yaml'), 'utf8')) as { appVersion: string };
        const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
        assert.equal(chart.appVersion, pkg.version);
    });
});

describe('values rejected at helm template', () => {
    const failures: readonly (readonly [string, readonly string[], RegExp])[] = [
        ['a replicaCount that is not an integer', [...ID, '--set', 'replicaCount=abc'], /replicaCount/],
        ['a key the chart does not know', [...ID, '--set', 'replicas=2'], /replicas/],
        ['an unknown log level', [...ID, '--set', 'logLevel=verbose'], /logLevel/],
        ['a chaincode.id that is not label:sha256', ['--set', 'chaincode.id=mycc'], /chaincode\.id/],
        ['no chaincode.id', [], /chaincode\.id is required/],
        [
            'a label that differs from the one in chaincode.id',
            [...ID, '--set', 'chaincode.label=other_1.0'],
            /does not match the label of chaincode\.id/,
        ],
        ['TLS without a key source', [...ID, '--set', 'tls.enabled=true'], /tls\.existingSecret/],
        [
            'TLS without connection.rootCert',
            [...ID, '--set', 'tls.enabled=true', '--set', 'tls.existingSecret=s'],
            /connection\.rootCert/,
        ],
        [
            'mutual TLS without the client certificate and key',
            [
                ...ID,
                '--set',
                'tls.enabled=true',
                '--set',
                'tls.existingSecret=s',
                '--set-string',
                `connection.rootCert=${PEM}`,
                '--set',
                'tls.clientCa.existingSecret=ca',
            ],
            /connection\.clientCert and connection\.clientKey/,
        ],
        [
            'cert-manager without an issuer',
            [
                ...ID,
                '--set',
                'tls.enabled=true',
                '--set',
                'tls.certManager.enabled=true',
                '--set-string',
                `connection.rootCert=${PEM}`,
            ],
            /issuerRef\.name/,
        ],
        ['a TLS secret with TLS off', [...ID, '--set', 'tls.existingSecret=s'], /need tls\.enabled=true/],
        ['a drain margin too short for the server to exit', [...ID, '--set', 'shutdown.marginSeconds=2'], /marginSeconds/],
    ];
    for (const [name, args, message] of failures) {
        test(`fails on ${name}`, () => {
            const result = helmTemplate(args);
            assert.notEqual(result.status, 0, 'helm template succeeded');
            assert.match(result.stderr, message);
        });
    }
});
