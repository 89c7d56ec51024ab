// SPDX-License-Identifier: Apache-2.0
//
// Runs the helm binary (.tools/bin/helm from scripts/install-helm.sh, or $HELM) on the chart and parses what
// `helm template` renders into plain objects.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { accessSync, constants, readdirSync } from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export const ROOT = path.resolve(import.meta.dirname, '..', '..');
export const CHART = path.join(ROOT, 'helm', 'fabric-ccaas');
export const RELEASE = 'basic-cc';
export const NAMESPACE = 'fabric';

/** The ci/*.yaml value sets, by file name. */
export const CI_VALUE_FILES: readonly string[] = readdirSync(path.join(CHART, 'ci'))
    .filter((name) => name.endsWith('.yaml'))
    .sort();

/** A package ID that satisfies values.schema.json. */
export const PACKAGE_ID = 'basic_1.0:' + 'ab'.repeat(32);

/** The helm binary; throws a message saying how to get one when there is none. */
export function helmBinary(): string {
    const helm = process.env.HELM ?? path.join(ROOT, '.tools', 'bin', 'helm');
    try {
        accessSync(helm, constants.X_OK);
    } catch {
        throw new Error(`no helm binary at ${helm}: run scripts/install-helm.sh (or set HELM to a helm 3 binary)`);
    }
    return helm;
}

export interface HelmResult {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

export function helm(args: readonly string[]): HelmResult {
    const result = spawnSync(helmBinary(), [...args], {
        encoding: 'utf8',
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp' },
        timeout: 60_000,
    });
    assert.equal(result.error, undefined);
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** `helm template` of the chart with extra arguments (-f, --set, --set-file ...). */
export function helmTemplate(args: readonly string[] = []): HelmResult {
    return helm(['template', RELEASE, CHART, '--namespace', NAMESPACE, ...args]);
}

/** A rendered Kubernetes object, as far as these tests look into it. */
export interface K8sObject {
    readonly apiVersion: string;
    readonly kind: string;
    readonly metadata: { readonly name: string; readonly namespace?: string } & Record<string, unknown>;
    readonly [key: string]: unknown;
}

/** Renders the chart and returns every object; fails the test when helm fails. */
export function render(args: readonly string[] = []): K8sObject[] {
    const result = helmTemplate(args);
    assert.equal(result.status, 0, `helm template ${args.join(' ')} failed:\n${result.stderr}`);
    return parseManifests(result.stdout);
}

/** Parses a multi-document manifest stream as the API server would (YAML 1.1), skipping empty documents. */
export function parseManifests(text: string): K8sObject[] {
    return parseAllDocuments(text, { version: '1.1' })
        .map((doc) => {
            assert.deepEqual(doc.errors, []);
            return doc.toJS() as K8sObject | null;
        })
        .filter((object): object is K8sObject => object !== null);
}

/** The one object of a kind (and name suffix, when several share the kind). */
export function find(objects: readonly K8sObject[], kind: string, nameSuffix = ''): K8sObject {
    const matches = objects.filter((o) => o.kind === kind && o.metadata.name.endsWith(nameSuffix));
    assert.equal(matches.length, 1, `expected one ${kind} named *${nameSuffix}, found ${String(matches.length)}`);
    return matches[0]!;
}
