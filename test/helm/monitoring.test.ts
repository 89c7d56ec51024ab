// SPDX-License-Identifier: Apache-2.0
//
// The opt-in monitoring objects: the PrometheusRule carries the rules file's groups with this release's selector
// and the alert labels (test/observability has promtool check what is rendered), and the dashboard ConfigMap
// carries the dashboard file byte for byte under the label Grafana's sidecar watches.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, test } from 'node:test';
import type { ConfigMap } from 'kubernetes-types/core/v1.js';
import { parse } from 'yaml';
import { DASHBOARD_FILE, RULES_FILE, RULES_JOB } from '../observability/expressions.ts';
import type { PrometheusRule } from './crd-types.ts';
import { NAMESPACE, PACKAGE_ID, RELEASE, find, render } from './helm.ts';

const ID = ['--set', `chaincode.id=${PACKAGE_ID}`];
const FULLNAME = `${RELEASE}-fabric-ccaas`;
type Rule = PrometheusRule['spec']['groups'][number]['rules'][number];

function rule(args: readonly string[] = []): PrometheusRule {
    return find(render([...ID, '--set', 'prometheusRule.enabled=true', ...args]), 'PrometheusRule') as unknown as PrometheusRule;
}

function dashboard(args: readonly string[] = []): ConfigMap {
    return find(render([...ID, '--set', 'grafanaDashboard.enabled=true', ...args]), 'ConfigMap', '-dashboard') as unknown as ConfigMap;
}

const FILE_GROUPS = (parse(readFileSync(RULES_FILE, 'utf8')) as PrometheusRule['spec']).groups;

describe('the PrometheusRule', () => {
    test('has every rule of the file, each selecting this release by job and namespace', () => {
        const groups = rule().spec.groups;
        const selector = `job="${FULLNAME}", namespace="${NAMESPACE}"`;
        const expected = FILE_GROUPS.map((group) => ({
            ...group,
            rules: group.rules.map((r: Rule) => ({ ...r, expr: r.expr.replaceAll(`job="${RULES_JOB}"`, selector) })),
        }));
        assert.deepEqual(groups, expected);
        for (const r of groups.flatMap((g) => g.rules)) {
            assert.ok(r.expr.includes(selector), `${String(r.alert)}: ${r.expr}`);
            assert.ok(!r.expr.includes(`job="${RULES_JOB}"`), `${String(r.alert)} still selects the file's job`);
        }
    });

    test('takes a selector of its own, labels on the object, and labels for every alert', () => {
        const rendered = rule([
            ...['--set', 'prometheusRule.selector=service="cc"', '--set', 'prometheusRule.labels.release=prom'],
            ...['--set', 'prometheusRule.alertLabels.team=org1', '--set', 'prometheusRule.alertLabels.severity=page'],
            ...['--set', 'prometheusRule.namespace=monitoring'],
        ]);
        assert.equal(rendered.metadata.namespace, 'monitoring');
        assert.equal(rendered.metadata.labels?.release, 'prom');
        for (const r of rendered.spec.groups.flatMap((g) => g.rules)) {
            assert.match(r.expr, /\{service="cc"[,}]/);
            assert.deepEqual(r.labels, { severity: 'page', team: 'org1' });
        }
    });
});

describe('the Grafana dashboard ConfigMap', () => {
    test('holds the dashboard file byte for byte, labelled grafana_dashboard: "1"', () => {
        const configMap = dashboard();
        assert.equal(configMap.metadata?.name, `${FULLNAME}-dashboard`);
        assert.equal(configMap.metadata.namespace, NAMESPACE);
        assert.equal(configMap.metadata.labels?.grafana_dashboard, '1');
        assert.equal(configMap.metadata.labels['app.kubernetes.io/component'], 'monitoring');
        assert.equal(configMap.data?.['fabric-ccaas.json'], readFileSync(DASHBOARD_FILE, 'utf8').trimEnd());
        assert.ok(JSON.parse(configMap.data['fabric-ccaas.json'] ?? ''));
    });

    test('takes the label key and value, namespace and annotations the sidecar is set up with', () => {
        const configMap = dashboard([
            ...['--set', 'grafanaDashboard.label.key=example.com/dashboard', '--set', 'grafanaDashboard.label.value=fabric'],
            ...['--set', 'grafanaDashboard.namespace=monitoring', '--set', 'grafanaDashboard.annotations.grafana_folder=Fabric'],
        ]);
        assert.equal(configMap.metadata?.labels?.['example.com/dashboard'], 'fabric');
        assert.equal(configMap.metadata.labels.grafana_dashboard, undefined);
        assert.equal(configMap.metadata.namespace, 'monitoring');
        assert.deepEqual(configMap.metadata.annotations, { grafana_folder: 'Fabric' });
    });

    test('the dashboard is well formed: unique panel ids, every query panel on the ${datasource} variable', () => {
        const file = JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')) as {
            uid: string;
            panels: { id: number; type: string; gridPos: { w: number; x: number }; datasource?: { uid: string }; targets?: { refId: string; expr: string }[] }[];
            templating: { list: { name: string }[] };
        };
        assert.equal(file.uid, 'fabric-ccaas');
        const ids = file.panels.map((p) => p.id);
        assert.equal(new Set(ids).size, ids.length, 'panel ids repeat');
        for (const panel of file.panels) {
            assert.ok(panel.gridPos.x + panel.gridPos.w <= 24, `panel ${String(panel.id)} is wider than the grid`);
            if (panel.type === 'row') {
                continue;
            }
            assert.equal(panel.datasource?.uid, '${datasource}');
            const refIds = (panel.targets ?? []).map((t) => t.refId);
            assert.ok(refIds.length > 0, `panel ${String(panel.id)} has no query`);
            assert.equal(new Set(refIds).size, refIds.length);
        }
        assert.deepEqual(
            file.templating.list.map((v) => v.name),
            ['datasource', 'namespace', 'job', 'pod'],
        );
    });

    test('neither object is rendered by default', () => {
        const kinds = render(ID).map((o) => `${o.kind}/${o.metadata.name}`);
        assert.ok(!kinds.some((k) => k.startsWith('PrometheusRule/') || k.endsWith('-dashboard')), kinds.join(' '));
    });
});
