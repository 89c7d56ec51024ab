// SPDX-License-Identifier: Apache-2.0
//
// NOTES.txt gives the next steps with this release's names. `helm template` does not print NOTES, so a copy of
// the chart renders them through `tpl` into a ConfigMap; scripts/*.sh (which fetch helm) are shellcheck-clean.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { CHART, NAMESPACE, PACKAGE_ID, RELEASE, ROOT, helm, parseManifests } from './helm.ts';

const copy = mkdtempSync(path.join(tmpdir(), 'ccaas-notes-'));
const chart = path.join(copy, 'fabric-ccaas');
cpSync(CHART, chart, { recursive: true });
renameSync(path.join(chart, 'templates', 'NOTES.txt'), path.join(chart, 'files', 'NOTES.txt'));
writeFileSync(
    path.join(chart, 'templates', 'zz-notes.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: notes\ndata:\n' +
        '  notes: {{ tpl (.Files.Get "files/NOTES.txt") . | toJson }}\n',
);

function notes(args: readonly string[]): string {
    const result = helm([
        'template',
        RELEASE,
        chart,
        '--namespace',
        NAMESPACE,
        '--show-only',
        'templates/zz-notes.yaml',
        ...args,
    ]);
    assert.equal(result.status, 0, result.stderr);
    const [configMap] = parseManifests(result.stdout);
    return (configMap?.data as { notes: string }).notes;
}

describe('NOTES.txt', () => {
    after(() => {
        rmSync(copy, { recursive: true, force: true });
    });
    const fullname = `${RELEASE}-fabric-ccaas`;

    test('plaintext: package with the same inputs, install, set chaincode.id, approve and commit', () => {
        const text = notes(['-f', path.join(CHART, 'ci', 'plaintext-values.yaml')]);
        assert.match(text, new RegExp(`npm run package -- --label basic_1\\.0 --address ${fullname}\\.fabric\\.svc:9999`));
        assert.match(text, new RegExp(`kubectl -n fabric get configmap ${fullname}-connection`));
        assert.match(text, /peer lifecycle chaincode install basic_1\.0\.tar\.gz/);
        assert.match(text, /--set chaincode\.id=<package ID>/);
        assert.match(text, /approveformyorg .* --package-id <package ID>/);
        assert.match(text, /peer lifecycle chaincode commit/);
        assert.doesNotMatch(text, /WARNING/);
    });

    test('mutual TLS: the files come from a Secret and the package needs the client certificate', () => {
        const text = notes(['-f', path.join(CHART, 'ci', 'mtls-values.yaml')]);
        assert.match(text, new RegExp(`get secret ${fullname}-connection .*\\| base64 -d > connection\\.json`));
        assert.match(text, /--tls-root-cert ca\.pem --client-cert peer-client\.pem --client-key peer-client-key\.pem/);
    });

    test('names the builder ConfigMap only when the chart creates it', () => {
        const withBuilders = notes(['--set', `chaincode.id=${PACKAGE_ID}`]);
        assert.match(withBuilders, new RegExp(`ConfigMap ${fullname}-builder`));
        const without = notes(['--set', `chaincode.id=${PACKAGE_ID}`, '--set', 'builders.enabled=false']);
        assert.doesNotMatch(without, /-builder/);
        assert.match(without, /ccaas_builder/);
    });

    test('warns when the development id is in use', () => {
        const text = notes(['--set', 'chaincode.allowDevelopmentId=true']);
        assert.match(text, /WARNING: chaincode\.id is not set/);
        assert.doesNotMatch(notes(['--set', `chaincode.id=${PACKAGE_ID}`]), /WARNING/);
    });
});

test('scripts/*.sh are shellcheck-clean', () => {
    const scripts = readdirSync(path.join(ROOT, 'scripts'))
        .filter((name) => name.endsWith('.sh'))
        .map((name) => path.join(ROOT, 'scripts', name));
    assert.ok(scripts.length > 0);
    const result = spawnSync('shellcheck', scripts, { encoding: 'utf8' });
    assert.equal(result.error, undefined);
    assert.equal(result.stdout, '');
    assert.equal(result.status, 0);
});
