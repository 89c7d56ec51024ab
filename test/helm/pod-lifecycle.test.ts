// SPDX-License-Identifier: Apache-2.0
//
// The pod's life: a preStop pause run by node (checked by running the rendered hook), a termination grace that
// covers pause, drain and exit, checksums that roll the pods when their configuration changes, and the extra
// env, volumes and mounts a deployer adds.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Container, PodSpec, PodTemplateSpec } from 'kubernetes-types/core/v1.js';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import { CHART, PACKAGE_ID, find, helmTemplate, render, type K8sObject } from './helm.ts';

const ID = ['--set', `chaincode.id=${PACKAGE_ID}`];
const TLS = ['-f', path.join(CHART, 'ci', 'tls-values.yaml')];

function template(objects: readonly K8sObject[]): PodTemplateSpec {
    const spec = (find(objects, 'Deployment') as unknown as Deployment).spec;
    assert.ok(spec);
    return spec.template;
}

function pod(objects: readonly K8sObject[]): PodSpec {
    const spec = template(objects).spec;
    assert.ok(spec);
    return spec;
}

function container(objects: readonly K8sObject[]): Container {
    const first = pod(objects).containers[0];
    assert.ok(first);
    return first;
}

function annotations(objects: readonly K8sObject[]): Record<string, string> {
    return template(objects).metadata?.annotations ?? {};
}

describe('preStop pause and termination grace', () => {
    test('the hook runs node (in every image of the chart) for preStopSeconds, and exits 0', () => {
        const command = container(render([...ID, '--set', 'shutdown.preStopSeconds=1'])).lifecycle?.preStop?.exec?.command;
        assert.deepEqual(command?.slice(0, 2), ['node', '-e']);
        assert.equal(command[2], 'setTimeout(() => {}, 1000)');
        const run = spawnSync(process.execPath, command.slice(1), { encoding: 'utf8', timeout: 30_000 });
        assert.equal(run.error, undefined);
        assert.equal(run.status, 0, run.stderr);
    });

    test('terminationGracePeriodSeconds is pause + drain grace + margin', () => {
        assert.equal(pod(render(ID)).terminationGracePeriodSeconds, 5 + 25 + 10);
        const custom = render([
            ...ID,
            ...['--set', 'shutdown.preStopSeconds=15', '--set', 'shutdown.graceSeconds=40'],
            ...['--set', 'shutdown.marginSeconds=8'],
        ]);
        assert.equal(pod(custom).terminationGracePeriodSeconds, 63);
        assert.equal(container(custom).lifecycle?.preStop?.exec?.command?.[2], 'setTimeout(() => {}, 15000)');
    });

    test('preStopSeconds=0 renders no hook and no pause in the grace period', () => {
        const objects = render([...ID, '--set', 'shutdown.preStopSeconds=0']);
        assert.equal(container(objects).lifecycle, undefined);
        assert.equal(pod(objects).terminationGracePeriodSeconds, 35);
    });

    test('the schema rejects a negative pause', () => {
        const result = helmTemplate([...ID, '--set', 'shutdown.preStopSeconds=-1']);
        assert.notEqual(result.status, 0);
        assert.match(result.stderr, /preStopSeconds/);
    });
});

describe('checksum annotations', () => {
    test('checksum/connection follows connection.json and metadata.json and nothing else', () => {
        const base = annotations(render(TLS))['checksum/connection'];
        assert.match(base ?? '', /^[0-9a-f]{64}$/);
        assert.equal(annotations(render(TLS))['checksum/connection'], base);
        assert.equal(annotations(render([...TLS, '--set', 'logLevel=debug']))['checksum/connection'], base);
        const rootCert = '-----BEGIN CERTIFICATE-----\nanother CA\n-----END CERTIFICATE-----\n';
        assert.notEqual(
            annotations(render([...TLS, '--set', `connection.rootCert=${rootCert}`]))['checksum/connection'],
            base,
        );
        assert.notEqual(annotations(render([...TLS, '--set', 'connection.dialTimeout=20s']))['checksum/connection'], base);
    });

    test('checksum/secrets names the Secrets and ConfigMaps the pods read (looked up at install and upgrade)', () => {
        const plain = annotations(render(ID))['checksum/secrets'];
        const tls = annotations(render(TLS))['checksum/secrets'];
        const withEnvFrom = annotations(render([...TLS, '--set', 'envFrom[0].secretRef.name=extra']))['checksum/secrets'];
        assert.match(plain ?? '', /^[0-9a-f]{64}$/);
        assert.equal(new Set([plain, tls, withEnvFrom]).size, 3);
        assert.equal(annotations(render(TLS))['checksum/secrets'], tls);
    });

    test('podAnnotations are kept beside the checksums', () => {
        const objects = render([...ID, '--set', 'podAnnotations.example\\.com/team=org1']);
        assert.equal(annotations(objects)['example.com/team'], 'org1');
        assert.ok(annotations(objects)['checksum/connection']);
    });
});

describe('envFrom, extraEnv, extraVolumes, extraVolumeMounts', () => {
    const objects = render(['-f', path.join(CHART, 'ci', 'all-optional-values.yaml')]);

    test('are rendered into the pod next to the chart own', () => {
        const c = container(objects);
        assert.deepEqual(c.envFrom, [
            { secretRef: { name: 'chaincode-settings' } },
            { configMapRef: { name: 'chaincode-tuning', optional: true } },
        ]);
        assert.ok(c.env?.some((e) => e.name === 'CHAINCODE_KEEPALIVE_TIME_MS' && e.value === '60000'));
        assert.deepEqual(
            c.volumeMounts?.map((m) => m.name),
            ['tmp', 'tls', 'client-ca', 'extra-config'],
        );
        assert.deepEqual(
            pod(objects).volumes?.map((v) => v.name),
            ['tmp', 'tls', 'client-ca', 'extra-config'],
        );
        assert.deepEqual(pod(objects).volumes?.at(-1)?.configMap, { name: 'chaincode-files' });
    });

    const rejected: readonly (readonly [string, readonly string[]])[] = [
        ['an envFrom entry without a ConfigMap or Secret', ['--set', 'envFrom[0].prefix=X_']],
        ['an envFrom entry naming both', ['--set', 'envFrom[0].secretRef.name=a', '--set', 'envFrom[0].configMapRef.name=b']],
        ['a mount without mountPath', ['--set', 'extraVolumeMounts[0].name=v']],
        ['a relative mountPath', ['--set', 'extraVolumeMounts[0].name=v', '--set', 'extraVolumeMounts[0].mountPath=etc']],
        ['a volume with only a name', ['--set', 'extraVolumes[0].name=v']],
    ];
    for (const [name, args] of rejected) {
        test(`the schema rejects ${name}`, () => {
            const result = helmTemplate([...ID, ...args]);
            assert.notEqual(result.status, 0, 'helm template succeeded');
            assert.match(result.stderr, /values don't meet the specifications of the schema/);
        });
    }
});
