// SPDX-License-Identifier: Apache-2.0
//
// The PodDisruptionBudget: maxUnavailable 1 by default, minAvailable alone when it is set (no need to null the
// other), and both at once rejected by the schema and, with the schema skipped, by the template.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { PodDisruptionBudget } from 'kubernetes-types/policy/v1.js';
import { PACKAGE_ID, find, helmTemplate, render } from './helm.ts';

const ON = ['--set', `chaincode.id=${PACKAGE_ID}`, '--set', 'podDisruptionBudget.enabled=true'];

function budget(args: readonly string[]): PodDisruptionBudget['spec'] {
    return (find(render([...ON, ...args]), 'PodDisruptionBudget') as unknown as PodDisruptionBudget).spec;
}

describe('the PodDisruptionBudget', () => {
    test('allows one pod down by default', () => {
        const spec = budget([]);
        assert.equal(spec?.maxUnavailable, 1);
        assert.equal(spec.minAvailable, undefined);
        assert.deepEqual(spec.selector?.matchLabels, {
            'app.kubernetes.io/name': 'fabric-ccaas',
            'app.kubernetes.io/instance': 'basic-cc',
        });
    });

    test('minAvailable=1 alone gives minAvailable only', () => {
        const spec = budget(['--set', 'podDisruptionBudget.minAvailable=1']);
        assert.equal(spec?.minAvailable, 1);
        assert.equal(spec.maxUnavailable, undefined);
    });

    test('takes percentages for either', () => {
        assert.equal(budget(['--set', 'podDisruptionBudget.minAvailable=50%'])?.minAvailable, '50%');
        assert.equal(budget(['--set', 'podDisruptionBudget.maxUnavailable=25%'])?.maxUnavailable, '25%');
    });

    test('both set: the schema rejects it, and so does the template when the schema is skipped', () => {
        const both = [...ON, '--set', 'podDisruptionBudget.minAvailable=1', '--set', 'podDisruptionBudget.maxUnavailable=1'];
        const schema = helmTemplate(both);
        assert.notEqual(schema.status, 0);
        assert.match(schema.stderr, /podDisruptionBudget: Must not validate the schema/);
        const template = helmTemplate(['--skip-schema-validation', ...both]);
        assert.notEqual(template.status, 0);
        assert.match(template.stderr, /minAvailable and maxUnavailable are both set/);
    });
});
