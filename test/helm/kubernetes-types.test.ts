// SPDX-License-Identifier: Apache-2.0
//
// Every object the chart renders, for every value set, type-checks as its Kubernetes API type: the objects are
// written as object literals with `satisfies <Kind>` (kubernetes-types, or crd-types.ts for the CRDs) and
// compiled with tsc, whose excess-property check catches unknown or misspelt fields at any depth.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { CHART, CI_VALUE_FILES, PACKAGE_ID, ROOT, find, render, type K8sObject } from './helm.ts';

/** The TypeScript type of each apiVersion/kind the chart may render. */
const TYPES: Readonly<Record<string, { readonly module: string; readonly type: string }>> = {
    'v1/ConfigMap': { module: 'kubernetes-types/core/v1.js', type: 'ConfigMap' },
    'v1/Pod': { module: 'kubernetes-types/core/v1.js', type: 'Pod' },
    'v1/Secret': { module: 'kubernetes-types/core/v1.js', type: 'Secret' },
    'v1/Service': { module: 'kubernetes-types/core/v1.js', type: 'Service' },
    'v1/ServiceAccount': { module: 'kubernetes-types/core/v1.js', type: 'ServiceAccount' },
    'apps/v1/Deployment': { module: 'kubernetes-types/apps/v1.js', type: 'Deployment' },
    'autoscaling/v2/HorizontalPodAutoscaler': { module: 'kubernetes-types/autoscaling/v2.js', type: 'HorizontalPodAutoscaler' },
    'networking.k8s.io/v1/NetworkPolicy': { module: 'kubernetes-types/networking/v1.js', type: 'NetworkPolicy' },
    'policy/v1/PodDisruptionBudget': { module: 'kubernetes-types/policy/v1.js', type: 'PodDisruptionBudget' },
    'cert-manager.io/v1/Certificate': { module: './crd-types.ts', type: 'Certificate' },
    'monitoring.coreos.com/v1/ServiceMonitor': { module: './crd-types.ts', type: 'ServiceMonitor' },
    'monitoring.coreos.com/v1/PrometheusRule': { module: './crd-types.ts', type: 'PrometheusRule' },
};

const VALUE_SETS: Readonly<Record<string, readonly string[]>> = {
    defaults: ['--set', `chaincode.id=${PACKAGE_ID}`],
    'development-id': ['--set', 'chaincode.allowDevelopmentId=true', '--set', 'serviceAccount.create=false'],
    'network-policy-open-selectors': ['--set', `chaincode.id=${PACKAGE_ID}`, '--set', 'networkPolicy.enabled=true'],
    'pdb-min-available': [
        '--set',
        `chaincode.id=${PACKAGE_ID}`,
        '--set',
        'podDisruptionBudget.enabled=true',
        '--set',
        'podDisruptionBudget.minAvailable=50%',
    ],
    ...Object.fromEntries(
        CI_VALUE_FILES.map((file) => [path.basename(file, '.yaml'), ['-f', path.join(CHART, 'ci', file)]]),
    ),
};

function typeOf(object: K8sObject): { module: string; type: string } {
    const entry = TYPES[`${object.apiVersion}/${object.kind}`];
    assert.ok(entry, `no type for ${object.apiVersion} ${object.kind}: add it to TYPES`);
    return entry;
}

/** A module that type-checks each object as an object literal of its kind. */
function typedModule(objects: readonly K8sObject[]): string {
    const imports = new Map<string, Set<string>>();
    for (const object of objects) {
        const { module, type } = typeOf(object);
        imports.set(module, (imports.get(module) ?? new Set()).add(type));
    }
    const lines = [...imports].map(([module, types]) => `import type { ${[...types].join(', ')} } from '${module}';`);
    objects.forEach((object, index) => {
        lines.push(`// ${object.kind} ${object.metadata.name}`);
        lines.push(`export const object${String(index)} = ${JSON.stringify(object, null, 2)} satisfies ${typeOf(object).type};`);
    });
    return lines.join('\n') + '\n';
}

describe('rendered objects against the Kubernetes API types', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'ccaas-kubetypes-'));
    const errors = new Map<string, string[]>();
    const rendered = new Map<string, K8sObject[]>();

    before(() => {
        symlinkSync(path.join(ROOT, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
        copyFileSync(path.join(import.meta.dirname, 'crd-types.ts'), path.join(dir, 'crd-types.ts'));
        const tsconfig = {
            compilerOptions: {
                target: 'ES2022',
                module: 'NodeNext',
                moduleResolution: 'NodeNext',
                strict: true,
                noEmit: true,
                allowImportingTsExtensions: true,
                skipLibCheck: true,
                types: [],
            },
            include: ['*.ts'],
        };
        writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
        for (const [name, args] of Object.entries(VALUE_SETS)) {
            const objects = render(args);
            rendered.set(name, objects);
            writeFileSync(path.join(dir, `${name}.ts`), typedModule(objects));
        }
        // The control: the default Deployment with a misspelt container field and a wrongly typed replicas.
        const deployment = structuredClone(find(rendered.get("defaults") ?? [], "Deployment")) as unknown as {
            spec: { replicas: unknown; template: { spec: { containers: Record<string, unknown>[] } } };
        };
        deployment.spec.replicas = '1';
        Object.assign(deployment.spec.template.spec.containers[0] ?? {}, { imagePullPolcy: 'Always' });
        writeFileSync(path.join(dir, 'control.ts'), typedModule([deployment as unknown as K8sObject]));

        const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], {
            encoding: 'utf8',
            timeout: 120_000,
        });
        assert.equal(tsc.error, undefined);
        for (const line of tsc.stdout.split('\n')) {
            const match = /^(.+?\.ts)\(\d+,\d+\): error /.exec(line);
            if (match?.[1] !== undefined) {
                const file = path.basename(match[1], '.ts');
                errors.set(file, [...(errors.get(file) ?? []), line]);
            }
        }
        assert.ok(tsc.status === 0 || errors.size > 0, `tsc failed without file errors:\n${tsc.stdout}${tsc.stderr}`);
    });
    after(() => {
        rmSync(dir, { recursive: true, force: true });
    });

    for (const name of Object.keys(VALUE_SETS)) {
        test(`every object rendered for ${name} type-checks as its kind`, () => {
            assert.ok((rendered.get(name) ?? []).length > 0);
            assert.deepEqual(errors.get(name) ?? [], []);
        });
    }

    test('the check catches a misspelt field and a wrong type (control)', () => {
        const control = (errors.get('control') ?? []).join('\n');
        assert.match(control, /imagePullPolcy\W* does not exist in type 'Container'/);
        assert.match(control, /Type 'string' is not assignable to type 'number'/);
    });

    test('the all-optional value set renders every kind the chart has', () => {
        const kinds = new Set((rendered.get('all-optional-values') ?? []).map((o) => `${o.apiVersion}/${o.kind}`));
        assert.deepEqual(
            Object.keys(TYPES).filter((kind) => !kinds.has(kind)),
            [],
        );
    });
});
