// SPDX-License-Identifier: Apache-2.0
//
// What the rendered objects say: secure defaults, probes on the sidecar, env for every setting, a termination
// grace derived from the drain grace, TLS mounts, optional objects, and a test pod the Service never selects.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from 'node:test';
import type { Container, PodSpec, Service } from 'kubernetes-types/core/v1.js';
import type { Deployment } from 'kubernetes-types/apps/v1.js';
import type { NetworkPolicy } from 'kubernetes-types/networking/v1.js';
import type { Certificate } from './crd-types.ts';
import { CHART, NAMESPACE, PACKAGE_ID, RELEASE, find, render, type K8sObject } from './helm.ts';

const ID = ['--set', `chaincode.id=${PACKAGE_ID}`];
const FULLNAME = `${RELEASE}-fabric-ccaas`;
const ci = (file: string): string[] => ['-f', path.join(CHART, 'ci', file)];

function deployment(objects: readonly K8sObject[]): Deployment {
    return find(objects, 'Deployment') as unknown as Deployment;
}

function podSpec(objects: readonly K8sObject[]): PodSpec {
    const spec = deployment(objects).spec?.template.spec;
    assert.ok(spec);
    return spec;
}

function container(objects: readonly K8sObject[]): Container {
    const [first, ...rest] = podSpec(objects).containers;
    assert.ok(first);
    assert.equal(rest.length, 0);
    return first;
}

function env(objects: readonly K8sObject[]): Record<string, string | undefined> {
    return Object.fromEntries((container(objects).env ?? []).map((e) => [e.name, e.value]));
}

describe('the Deployment', () => {
    const defaults = render(ID);

    test('runs one non-root replica with a read-only root filesystem, no capabilities and seccomp', () => {
        assert.equal(deployment(defaults).spec?.replicas, 1);
        const pod = podSpec(defaults);
        assert.equal(pod.securityContext?.runAsNonRoot, true);
        assert.equal(pod.securityContext.runAsUser, 1000);
        assert.equal(pod.securityContext.seccompProfile?.type, 'RuntimeDefault');
        assert.equal(pod.automountServiceAccountToken, false);
        const security = container(defaults).securityContext;
        assert.equal(security?.readOnlyRootFilesystem, true);
        assert.equal(security.allowPrivilegeEscalation, false);
        assert.deepEqual(security.capabilities?.drop, ['ALL']);
        assert.equal(security.seccompProfile?.type, 'RuntimeDefault');
        const tmp = pod.volumes?.find((v) => v.name === 'tmp');
        assert.ok(tmp?.emptyDir);
        assert.ok(container(defaults).volumeMounts?.some((m) => m.name === 'tmp' && m.mountPath === '/tmp'));
        assert.ok(container(defaults).resources?.requests);
    });

    test('probes /livez and /readyz on the named http port', () => {
        const c = container(defaults);
        assert.deepEqual(
            c.ports?.map((p) => [p.name, p.containerPort]),
            [
                ['grpc', 9999],
                ['http', 9000],
            ],
        );
        assert.deepEqual(c.livenessProbe?.httpGet, { path: '/livez', port: 'http' });
        assert.deepEqual(c.readinessProbe?.httpGet, { path: '/readyz', port: 'http' });
        assert.deepEqual(c.startupProbe?.httpGet, { path: '/readyz', port: 'http' });
    });

    test('passes every setting as env, listening on all interfaces', () => {
        assert.deepEqual(env(defaults), {
            CHAINCODE_ID: PACKAGE_ID,
            CHAINCODE_SERVER_ADDRESS: '0.0.0.0:9999',
            SIDECAR_ADDRESS: '0.0.0.0:9000',
            LOG_LEVEL: 'info',
            SHUTDOWN_GRACE_MS: '25000',
        });
        const all = env(render(ci('all-optional-values.yaml')));
        assert.equal(all.CHAINCODE_SERVER_ADDRESS, '0.0.0.0:7052');
        assert.equal(all.SIDECAR_ADDRESS, '0.0.0.0:9443');
        assert.equal(all.CORE_PEER_LOCALMSPID, 'Org1MSP');
        assert.equal(all.LOG_LEVEL, 'debug');
        assert.equal(all.CHAINCODE_KEEPALIVE_TIME_MS, '60000');
    });

    test('passes the drain grace as SHUTDOWN_GRACE_MS', () => {
        assert.equal(env(render([...ID, '--set', 'shutdown.graceSeconds=40'])).SHUTDOWN_GRACE_MS, '40000');
    });

    test('uses the chart appVersion as the default image tag, and a digest when one is given', () => {
        const chart = readFileSync(path.join(CHART, 'Chart.yaml'), 'utf8');
        const appVersion = /^appVersion: "(.+)"$/m.exec(chart)?.[1];
        assert.equal(container(defaults).image, `fabric-ccaas-template:${String(appVersion)}`);
        assert.equal(
            container(render([...ID, '--set', 'image.tag=1.2.3'])).image,
            'fabric-ccaas-template:1.2.3',
        );
        assert.match(container(render(ci('all-optional-values.yaml'))).image ?? '', /@sha256:0{64}$/);
    });

    test('sets no CHAINCODE_ID with the development id allowed', () => {
        assert.equal(env(render(['--set', 'chaincode.allowDevelopmentId=true'])).CHAINCODE_ID, undefined);
    });

    test('mounts the TLS files from the Secret and points the env at them; mutual TLS adds the client CA', () => {
        const tls = render(ci('tls-values.yaml'));
        assert.equal(env(tls).CHAINCODE_TLS_KEY, '/etc/ccaas/tls/tls.key');
        assert.equal(env(tls).CHAINCODE_TLS_CERT, '/etc/ccaas/tls/tls.crt');
        assert.equal(env(tls).CHAINCODE_CLIENT_CA_CERT, undefined);
        const secret = podSpec(tls).volumes?.find((v) => v.name === 'tls')?.secret;
        assert.equal(secret?.secretName, 'basic-cc-tls');
        assert.deepEqual(
            secret.items?.map((i) => i.key),
            ['tls.key', 'tls.crt'],
        );
        const mtls = render(ci('mtls-values.yaml'));
        assert.equal(env(mtls).CHAINCODE_CLIENT_CA_CERT, '/etc/ccaas/client-ca/ca.crt');
        const ca = podSpec(mtls).volumes?.find((v) => v.name === 'client-ca')?.secret;
        assert.equal(ca?.secretName, 'org1-peer-client-ca');
        assert.deepEqual(ca.items, [{ key: 'ca.crt', path: 'ca.crt' }]);
        for (const mount of container(mtls).volumeMounts ?? []) {
            assert.ok(mount.name === 'tmp' || mount.readOnly === true, `${mount.name} must be read-only`);
        }
    });

    test('leaves replicas to the HPA when autoscaling is on', () => {
        const objects = render([...ID, '--set', 'autoscaling.enabled=true']);
        assert.equal(deployment(objects).spec?.replicas, undefined);
        assert.ok(find(objects, 'HorizontalPodAutoscaler'));
    });
});

describe('the other objects', () => {
    test('the Service names its gRPC port grpc (appProtocol grpc) and its sidecar port http', () => {
        const service = find(render(ID), 'Service') as unknown as Service;
        assert.deepEqual(
            service.spec?.ports?.map((p) => [p.name, p.port, p.targetPort, p.appProtocol]),
            [
                ['grpc', 9999, 'grpc', 'grpc'],
                ['http', 9000, 'http', 'http'],
            ],
        );
    });

    test('the default values render no optional object', () => {
        const kinds = render(ID)
            .map((o) => o.kind)
            .sort();
        assert.deepEqual(kinds, ['ConfigMap', 'ConfigMap', 'Deployment', 'Pod', 'Service', 'ServiceAccount']);
    });

    test('the helm test pod dials the Service on the gRPC port and is never selected by it', () => {
        const objects = render(ID);
        const pod = find(objects, 'Pod');
        const metadata = pod.metadata as { annotations?: Record<string, string>; labels?: Record<string, string> };
        assert.equal(metadata.annotations?.['helm.sh/hook'], 'test');
        const spec = pod.spec as PodSpec;
        assert.deepEqual(spec.containers[0]?.command?.slice(-2), [`${FULLNAME}.${NAMESPACE}.svc`, '9999']);
        const selector = (find(objects, 'Service') as unknown as Service).spec?.selector ?? {};
        const labels = metadata.labels ?? {};
        assert.ok(
            Object.entries(selector).some(([key, value]) => labels[key] !== value),
            'the Service selector matches the test pod',
        );
    });

    test('the cert-manager Certificate covers the default connection address and feeds the mounted Secret', () => {
        const objects = render(ci('cert-manager-values.yaml'));
        const certificate = find(objects, 'Certificate') as unknown as Certificate;
        assert.deepEqual(certificate.spec.dnsNames, [
            FULLNAME,
            `${FULLNAME}.${NAMESPACE}`,
            `${FULLNAME}.${NAMESPACE}.svc`,
            `${FULLNAME}.${NAMESPACE}.svc.cluster.local`,
        ]);
        assert.deepEqual(certificate.spec.issuerRef, {
            name: 'fabric-ca-issuer',
            kind: 'ClusterIssuer',
            group: 'cert-manager.io',
        });
        const secret = podSpec(objects).volumes?.find((v) => v.name === 'tls')?.secret;
        assert.equal(secret?.secretName, certificate.spec.secretName);
    });

    test('the NetworkPolicy admits gRPC from the peers and the sidecar port from the metrics namespace only', () => {
        const policy = find(render(ci('all-optional-values.yaml')), 'NetworkPolicy') as unknown as NetworkPolicy;
        const rules = policy.spec?.ingress ?? [];
        assert.deepEqual(
            rules.map((rule) => [rule.ports?.map((p) => p.port), rule.from]),
            [
                [
                    ['grpc'],
                    [
                        {
                            podSelector: { matchLabels: { app: 'peer' } },
                            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'fabric-peers' } },
                        },
                    ],
                ],
                [
                    ['http'],
                    [
                        {
                            podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } },
                            namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } },
                        },
                    ],
                ],
            ],
        );
        assert.deepEqual(policy.spec?.policyTypes, ['Ingress']);
    });

    test('the ServiceMonitor scrapes /metrics on the http port of this release', () => {
        const monitor = find(render(ci('all-optional-values.yaml')), 'ServiceMonitor');
        const spec = monitor.spec as { endpoints: { port: string; path: string }[]; namespaceSelector: unknown };
        assert.equal(monitor.metadata.namespace, 'monitoring');
        assert.deepEqual(
            spec.endpoints.map((e) => [e.port, e.path]),
            [['http', '/metrics']],
        );
        assert.deepEqual(spec.namespaceSelector, { matchNames: [NAMESPACE] });
    });

    test('the full name is cut to 63 characters', () => {
        const name = 'a'.repeat(70);
        const objects = render([...ID, '--set', `fullnameOverride=${name}`]);
        assert.equal(deployment(objects).metadata?.name, 'a'.repeat(63));
    });
});
