// SPDX-License-Identifier: Apache-2.0
//
// Every object the chart renders carries the standard app.kubernetes.io labels with its component, the selector
// stays without the component (it is immutable on a Deployment), and Chart.yaml has what chart indexes show.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import { parse } from 'yaml';
import { CHART, find, render } from './helm.ts';

const ALL = render(['-f', path.join(CHART, 'ci', 'all-optional-values.yaml')]);

function labelsOf(object: { metadata: Record<string, unknown> }): Record<string, string> {
    return (object.metadata.labels ?? {}) as Record<string, string>;
}

describe('labels', () => {
    test('every object has name, instance, version, managed-by and a component', () => {
        const components = new Map<string, string>();
        for (const object of ALL) {
            const labels = labelsOf(object);
            for (const key of ['name', 'instance', 'version', 'managed-by', 'component']) {
                assert.ok(labels[`app.kubernetes.io/${key}`], `${object.kind} ${object.metadata.name} lacks ${key}`);
            }
            components.set(`${object.kind}/${object.metadata.name}`, labels['app.kubernetes.io/component'] ?? '');
        }
        assert.deepEqual(Object.fromEntries(components), {
            'ServiceAccount/basic-cc': 'server',
            'ConfigMap/basic-cc-builder': 'builder',
            'Secret/basic-cc-connection': 'connection',
            'ConfigMap/basic-cc-dashboard': 'monitoring',
            'Service/basic-cc': 'server',
            'Deployment/basic-cc': 'server',
            'HorizontalPodAutoscaler/basic-cc': 'server',
            'Certificate/basic-cc': 'tls',
            'NetworkPolicy/basic-cc': 'server',
            'PodDisruptionBudget/basic-cc': 'server',
            'PrometheusRule/basic-cc': 'monitoring',
            'ServiceMonitor/basic-cc': 'monitoring',
            'Pod/basic-cc-test-connection': 'test',
        });
    });

    test('the pods carry the component too, the selectors do not', () => {
        const deployment = find(ALL, 'Deployment') as unknown as {
            spec: { selector: { matchLabels: Record<string, string> }; template: { metadata: { labels: Record<string, string> } } };
        };
        assert.equal(deployment.spec.template.metadata.labels['app.kubernetes.io/component'], 'server');
        assert.deepEqual(Object.keys(deployment.spec.selector.matchLabels).sort(), [
            'app.kubernetes.io/instance',
            'app.kubernetes.io/name',
        ]);
        const service = find(ALL, 'Service') as unknown as { spec: { selector: Record<string, string> } };
        assert.deepEqual(service.spec.selector, deployment.spec.selector.matchLabels);
    });
});

test('Chart.yaml names home, sources, maintainers and an icon, all https URLs', () => {
    const chart = parse(readFileSync(path.join(CHART, 'Chart.yaml'), 'utf8')) as {
        home: string;
        sources: string[];
        icon: string;
        maintainers: { name: string; url?: string }[];
    };
    for (const url of [chart.home, chart.icon, ...chart.sources, ...chart.maintainers.map((m) => m.url ?? '')]) {
        assert.equal(new URL(url).protocol, 'https:', url);
    }
    assert.ok(chart.sources.length > 0);
    assert.ok(chart.maintainers.every((m) => m.name.length > 0));
    assert.ok(chart.icon.endsWith('/helm/fabric-ccaas/icon.svg'));
    assert.match(readFileSync(path.join(CHART, 'icon.svg'), 'utf8'), /^<svg /);
});
