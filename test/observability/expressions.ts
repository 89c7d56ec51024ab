// SPDX-License-Identifier: Apache-2.0
//
// The PromQL the chart ships, read from the same files the chart loads: every dashboard panel query with the
// Grafana variables filled in as Grafana would for one job, and every alert expression with and without its
// threshold.

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { CHART } from '../helm/helm.ts';

export const DASHBOARD_FILE = path.join(CHART, 'files', 'dashboards', 'fabric-ccaas.json');
export const RULES_FILE = path.join(CHART, 'files', 'prometheus', 'rules.yaml');

/** The job name and matcher the rules file is written with (the chart swaps it for its release's). */
export const RULES_JOB = 'fabric-ccaas';

interface Panel {
    readonly title: string;
    readonly type: string;
    readonly targets?: readonly { readonly expr: string; readonly refId: string }[];
    readonly panels?: readonly Panel[];
}

interface Dashboard {
    readonly panels: readonly Panel[];
    readonly templating: {
        readonly list: readonly { readonly name: string; readonly type: string; readonly definition?: string }[];
    };
}

export interface NamedExpression {
    /** Panel title and refId, or alert name. */
    readonly name: string;
    readonly expr: string;
}

export function readDashboard(): Dashboard {
    return JSON.parse(readFileSync(DASHBOARD_FILE, 'utf8')) as Dashboard;
}

/** Grafana's substitution of the dashboard's variables, for one namespace and job and every pod. */
export function fillVariables(expr: string, variables: { namespace: string; job: string }): string {
    return expr
        .replaceAll('$__rate_interval', '1m')
        .replaceAll('$namespace', variables.namespace)
        .replaceAll('$job', variables.job)
        .replaceAll('$pod', '.*');
}

/** Every query of every panel (rows included), variables filled in. */
export function panelQueries(variables: { namespace: string; job: string }): NamedExpression[] {
    const found: NamedExpression[] = [];
    const walk = (panels: readonly Panel[]): void => {
        for (const panel of panels) {
            for (const target of panel.targets ?? []) {
                found.push({ name: `${panel.title} (${target.refId})`, expr: fillVariables(target.expr, variables) });
            }
            walk(panel.panels ?? []);
        }
    };
    walk(readDashboard().panels);
    return found;
}

/**
 * The dashboard's query variables, as PromQL: `label_values(m, l)` is the set of values of `l` on `m`, which
 * `group by (l) (m)` returns as one series per value.
 */
export function variableQueries(variables: {
    namespace: string;
    job: string;
}): (NamedExpression & { label: string })[] {
    return readDashboard()
        .templating.list.filter((v) => v.type === 'query')
        .map((v) => {
            const match = /^label_values\((.+), (\w+)\)$/.exec(v.definition ?? '');
            if (!match?.[1] || !match[2]) {
                throw new Error(
                    `variable ${v.name}: expected label_values(metric, label), got ${String(v.definition)}`,
                );
            }
            return {
                name: v.name,
                label: match[2],
                expr: `group by (${match[2]}) (${fillVariables(match[1], variables)})`,
            };
        });
}

/** The alerting rules of the rules file, as written. */
export function alertRules(): NamedExpression[] {
    const file = parse(readFileSync(RULES_FILE, 'utf8')) as {
        groups: { rules: { alert?: string; record?: string; expr: string }[] }[];
    };
    return file.groups.flatMap((group) =>
        group.rules.map((rule) => ({ name: rule.alert ?? rule.record ?? '?', expr: rule.expr.trim() })),
    );
}

/**
 * An alert expression without its threshold: the left side of its last comparison outside any brackets or
 * quotes (`x - time() < 14 * 86400` gives `x - time()`). Throws when there is no such comparison, since every
 * alert in the file is written `<series> <comparison> <threshold>`.
 */
export function withoutThreshold(expr: string): string {
    let depth = 0;
    let quote: string | undefined;
    let cut = -1;
    for (let i = 0; i < expr.length; i++) {
        const c = expr[i] ?? '';
        if (quote !== undefined) {
            quote = c === quote && expr[i - 1] !== '\\' ? undefined : quote;
        } else if (c === '"' || c === "'") {
            quote = c;
        } else if ('([{'.includes(c)) {
            depth++;
        } else if (')]}'.includes(c)) {
            depth--;
        } else if (depth === 0 && /^(==|!=|>=|<=|>|<)/.test(expr.slice(i))) {
            cut = i;
            i += /^(==|!=|>=|<=)/.test(expr.slice(i)) ? 1 : 0;
        }
    }
    if (cut === -1) {
        throw new Error(`no top-level comparison in ${expr}`);
    }
    return expr.slice(0, cut).trim();
}
