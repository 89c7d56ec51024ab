// SPDX-License-Identifier: Apache-2.0
//
// connection.json and metadata.json bytes: the layout the Helm chart reproduces with toPrettyJson.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderConnectionJson, renderMetadataJson } from '../../src/tools/connection-json.ts';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

test('renders a plaintext connection.json with four sorted keys and no trailing newline', () => {
    assert.equal(
        renderConnectionJson({ address: 'cc.example:9999', dialTimeout: '10s' }),
        '{\n  "address": "cc.example:9999",\n  "client_auth_required": false,\n  "dial_timeout": "10s",\n' +
            '  "tls_required": false\n}',
    );
});

test('adds root_cert with TLS and client_cert/client_key with client auth, keys sorted', () => {
    const json = renderConnectionJson({
        address: 'cc.example:9999',
        dialTimeout: '10s',
        rootCert: PEM,
        clientCert: PEM,
        clientKey: PEM,
        domain: 'cc.example',
    });
    assert.deepEqual(Object.keys(JSON.parse(json) as object), [
        'address',
        'client_auth_required',
        'client_cert',
        'client_key',
        'dial_timeout',
        'domain',
        'root_cert',
        'tls_required',
    ]);
    assert.match(json, /^ {2}"root_cert": "-----BEGIN CERTIFICATE-----\\nMIIB\\n-----END CERTIFICATE-----\\n",$/m);
    assert.match(json, /"tls_required": true\n}$/);
});

test('escapes <, > and & as Go does', () => {
    assert.match(renderConnectionJson({ address: 'a&b<c>:1', dialTimeout: '1s' }), /"a\\u0026b\\u003cc\\u003e:1"/);
});

test('renders metadata.json as label and type ccaas', () => {
    assert.equal(renderMetadataJson('mycc_1.0'), '{\n  "label": "mycc_1.0",\n  "type": "ccaas"\n}');
});
