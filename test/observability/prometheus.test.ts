// SPDX-License-Identifier: Apache-2.0
//
// The chart's dashboard and alerts against a real Prometheus: promtool checks the rules file and the rules the
// chart renders from it and unit-tests the alerts; then a Prometheus on loopback scrapes the built server (TLS
// on, driven by a fake peer with passing and failing transactions and ledger requests), and every panel query,
// dashboard variable and alert expression (without its threshold) returns data. Skipped, in one line, when the
// prometheus package is not installed.

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, test, type TestContext } from 'node:test';
import { stringify } from 'yaml';
import { FakePeer } from '../../src/testing/fake-peer.ts';
import { createTlsFixture, type TlsFixture } from '../helpers/certs.ts';
import { startChildServer } from '../helpers/child-server.ts';
import type { PrometheusRule } from '../helm/crd-types.ts';
import { PACKAGE_ID, find, render } from '../helm/helm.ts';
import { alertRules, panelQueries, RULES_FILE, RULES_JOB, variableQueries, withoutThreshold } from './expressions.ts';
import { findTool, startPrometheus, type RunningPrometheus, type Sample } from './prometheus.ts';

const PROMETHEUS = findTool('prometheus');
const PROMTOOL = findTool('promtool');
const MISSING =
    PROMETHEUS === undefined || PROMTOOL === undefined
        ? 'prometheus/promtool not installed (Debian: apt-get install prometheus; scripts/install-test-tools.sh does it as root)'
        : false;
const CHAINCODE_ID = 'basic_1.0:0123456789abcdef';
const LABELS = { namespace: 'fabric', job: RULES_JOB };
const POD = 'basic-cc-fabric-ccaas-0';
/** Transactions per round: 5 that succeed, 2 that fail. */
const PER_ROUND = 7;
const ROUNDS = 3;

function promtool(args: readonly string[], cwd: string): { status: number | null; output: string } {
    const result = spawnSync(PROMTOOL ?? 'promtool', args, { cwd, encoding: 'utf8', timeout: 60_000 });
    return { status: result.status, output: result.stdout + result.stderr };
}

/** Starts the built server with TLS on loopback and returns its sidecar host:port and a connected peer. */
async function startTlsServer(
    t: TestContext,
    fixture: TlsFixture,
): Promise<{ sidecar: string; grpc: string; peer: FakePeer }> {
    const dir = mkdtempSync(path.join(tmpdir(), 'ccaas-observability-'));
    t.after(() => {
        rmSync(dir, { recursive: true, force: true });
    });
    writeFileSync(path.join(dir, 'tls.key'), fixture.server.key);
    writeFileSync(path.join(dir, 'tls.crt'), fixture.server.cert);
    const server = await startChildServer(t, {
        CHAINCODE_ID,
        CHAINCODE_TLS_KEY: path.join(dir, 'tls.key'),
        CHAINCODE_TLS_CERT: path.join(dir, 'tls.crt'),
    });
    const listening = await server.waitForLog((line) => line.msg === 'sidecar listening');
    const peer = new FakePeer({ chaincodeId: CHAINCODE_ID });
    t.after(() => {
        peer.close();
    });
    return { sidecar: new URL(String(listening.address)).host, grpc: server.grpcAddress, peer };
}

/** One round of traffic: creates, reads, transfers and lists assets, reads a missing one, calls no function. */
async function driveRound(peer: FakePeer, round: number): Promise<void> {
    const id = `asset${String(round)}`;
    const expectations: [readonly string[], number][] = [
        [['CreateAsset', id, 'blue', '5', 'Tom', '100'], 200],
        [['ReadAsset', id], 200],
        [['TransferAsset', id, 'Ann'], 200],
        [['AssetExists', id], 200],
        [['GetAllAssets'], 200],
        [['ReadAsset', 'no-such-asset'], 500],
        [['NoSuchFunction'], 500],
    ];
    assert.equal(expectations.length, PER_ROUND);
    for (const [args, status] of expectations) {
        assert.equal((await peer.invoke(args)).status, status, args.join(' '));
    }
}

const finite = (samples: readonly Sample[]): boolean => samples.some((s) => Number.isFinite(Number(s.value)));

async function scrapedTransactions(prometheus: RunningPrometheus, count: number): Promise<void> {
    const expr = `sum(chaincode_messages_total{job="${RULES_JOB}", direction="received", type="TRANSACTION"})`;
    await prometheus.waitFor(`a scrape with ${String(count)} transactions`, async () => {
        const [sample] = await prometheus.query(expr);
        return Number(sample?.value) === count;
    });
}

describe('dashboard and alerts on a real Prometheus', { skip: MISSING }, () => {
    test('promtool accepts the rules of the PrometheusRule the chart renders', (t) => {
        const objects = render(['--set', `chaincode.id=${PACKAGE_ID}`, '--set', 'prometheusRule.enabled=true']);
        const rule = find(objects, 'PrometheusRule') as unknown as PrometheusRule;
        const dir = mkdtempSync(path.join(tmpdir(), 'ccaas-rules-'));
        t.after(() => {
            rmSync(dir, { recursive: true, force: true });
        });
        writeFileSync(path.join(dir, 'rules.yaml'), stringify({ groups: rule.spec.groups }));
        const check = promtool(['check', 'rules', 'rules.yaml'], dir);
        assert.equal(check.status, 0, check.output);
        assert.match(check.output, new RegExp(`SUCCESS: ${String(alertRules().length)} rules found`));
    });

    test('promtool accepts the rules file and its unit tests pass: every alert fires and stays quiet', () => {
        const check = promtool(['check', 'rules', RULES_FILE], import.meta.dirname);
        assert.equal(check.status, 0, check.output);
        assert.match(check.output, new RegExp(`SUCCESS: ${String(alertRules().length)} rules found`));
        const unit = promtool(['test', 'rules', 'alerts.promtool.yaml'], import.meta.dirname);
        assert.equal(unit.status, 0, unit.output);
        const tested = readFileSync(path.join(import.meta.dirname, 'alerts.promtool.yaml'), 'utf8');
        for (const { name } of alertRules()) {
            assert.match(tested, new RegExp(`alertname: ${name}\\n`), `${name} has no promtool test`);
        }
    });

    test('every panel query, variable and alert returns data from a scraped server', async (t) => {
        const fixture = await createTlsFixture();
        const { sidecar, grpc, peer } = await startTlsServer(t, fixture);
        const config = [
            'global: { scrape_interval: 1s, evaluation_interval: 1s }',
            'rule_files: [rules.yaml]',
            'scrape_configs:',
            `  - job_name: ${RULES_JOB}`,
            '    static_configs:',
            `      - targets: ['${sidecar}']`,
            `        labels: { namespace: ${LABELS.namespace}, pod: ${POD} }`,
            '',
        ].join('\n');
        const prometheus = await startPrometheus(t, PROMETHEUS ?? 'prometheus', config, {
            'rules.yaml': readFileSync(RULES_FILE, 'utf8'),
        });
        // The first scrape before any peer connects, so counters start from a sample Prometheus has seen.
        await prometheus.waitFor(
            'the first scrape',
            async () => (await prometheus.query(`up{job="${RULES_JOB}"} == 1`)).length === 1,
        );
        await peer.connect(grpc, { rootCert: fixture.ca.cert });
        for (let round = 1; round <= ROUNDS; round++) {
            await driveRound(peer, round);
            await scrapedTransactions(prometheus, round * PER_ROUND);
        }

        const empty: string[] = [];
        for (const { name, expr } of panelQueries(LABELS)) {
            assert.doesNotMatch(expr, /\$/, `${name}: a variable left in ${expr}`);
            if (!finite(await prometheus.query(expr))) {
                empty.push(`panel ${name}: ${expr}`);
            }
        }
        for (const { name, expr } of alertRules()) {
            if (!finite(await prometheus.query(withoutThreshold(expr)))) {
                empty.push(`alert ${name}: ${withoutThreshold(expr)}`);
            }
        }
        assert.deepEqual(empty, []);

        const expected: Record<string, string> = { namespace: LABELS.namespace, job: LABELS.job, pod: POD };
        for (const { name, label, expr } of variableQueries(LABELS)) {
            const values = (await prometheus.query(expr)).map((s) => s.metric[label]);
            assert.deepEqual(values, [expected[name]], `variable ${name}: ${expr}`);
        }

        // Prometheus itself loaded the rules file and evaluates every rule without an error.
        await prometheus.waitFor('every rule evaluated', async () => {
            const data = (await prometheus.api('/api/v1/rules')) as { groups: { rules: { health: string }[] }[] };
            const rules = data.groups.flatMap((g) => g.rules);
            return rules.length === alertRules().length && rules.every((r) => r.health === 'ok');
        });
    });
});
