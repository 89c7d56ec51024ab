// SPDX-License-Identifier: Apache-2.0
//
// Hand-written types of the custom resources the chart can render (cert-manager Certificate v1, Prometheus
// Operator ServiceMonitor v1 and PrometheusRule v1), from their CRDs, limited to the fields worth setting here: a misspelt or unknown
// field fails the type check in kubernetes-types.test.ts, as it does for the built-in kinds.

import type { LabelSelector, ObjectMeta } from 'kubernetes-types/meta/v1.js';

/** cert-manager `spec.usages` values (KeyUsage in cert-manager's API). */
type KeyUsage =
    | 'signing'
    | 'digital signature'
    | 'content commitment'
    | 'key encipherment'
    | 'key agreement'
    | 'data encipherment'
    | 'cert sign'
    | 'crl sign'
    | 'encipher only'
    | 'decipher only'
    | 'any'
    | 'server auth'
    | 'client auth'
    | 'code signing'
    | 'email protection'
    | 's/mime'
    | 'ipsec end system'
    | 'ipsec tunnel'
    | 'ipsec user'
    | 'timestamping'
    | 'ocsp signing'
    | 'microsoft sgc'
    | 'netscape sgc';

export interface Certificate {
    apiVersion: 'cert-manager.io/v1';
    kind: 'Certificate';
    metadata: ObjectMeta;
    spec: {
        secretName: string;
        issuerRef: { name: string; kind?: string; group?: string };
        commonName?: string;
        dnsNames?: string[];
        ipAddresses?: string[];
        duration?: string;
        renewBefore?: string;
        isCA?: boolean;
        usages?: KeyUsage[];
        privateKey?: {
            algorithm?: 'RSA' | 'ECDSA' | 'Ed25519';
            encoding?: 'PKCS1' | 'PKCS8';
            size?: number;
            rotationPolicy?: 'Never' | 'Always';
        };
        secretTemplate?: { annotations?: Record<string, string>; labels?: Record<string, string> };
    };
}

interface ServiceMonitorEndpoint {
    port?: string;
    targetPort?: number | string;
    path?: string;
    scheme?: 'http' | 'https';
    interval?: string;
    scrapeTimeout?: string;
    honorLabels?: boolean;
    honorTimestamps?: boolean;
}

export interface ServiceMonitor {
    apiVersion: 'monitoring.coreos.com/v1';
    kind: 'ServiceMonitor';
    metadata: ObjectMeta;
    spec: {
        selector: LabelSelector;
        namespaceSelector?: { any?: boolean; matchNames?: string[] };
        endpoints: ServiceMonitorEndpoint[];
        jobLabel?: string;
        targetLabels?: string[];
        podTargetLabels?: string[];
    };
}

/** One rule of a PrometheusRule group: an alert or a recording rule. */
interface PrometheusRuleRule {
    alert?: string;
    record?: string;
    expr: string;
    for?: string;
    keep_firing_for?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
}

export interface PrometheusRule {
    apiVersion: 'monitoring.coreos.com/v1';
    kind: 'PrometheusRule';
    metadata: ObjectMeta;
    spec: {
        groups: {
            name: string;
            interval?: string;
            limit?: number;
            partial_response_strategy?: string;
            rules: PrometheusRuleRule[];
        }[];
    };
}
