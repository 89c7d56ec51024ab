{{/*
SPDX-License-Identifier: Apache-2.0

Named templates shared by the chart's objects: names, labels, image, the connection address and the
connection.json/metadata.json bytes.
*/}}

{{/* The chart name, or nameOverride; 63 characters at most (a DNS label). */}}
{{- define "fabric-ccaas.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The full name: fullnameOverride, else <release>-<chart name> (just <release> when it holds the chart name); 63 characters at most. */}}
{{- define "fabric-ccaas.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{/* The helm.sh/chart label value: <chart name>-<chart version>. */}}
{{- define "fabric-ccaas.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/*
Labels on every object, called with (list . "<component>"): server, connection, builder, tls or monitoring.
The component is not a selector label, so adding it never changes the Deployment's immutable selector.
*/}}
{{- define "fabric-ccaas.labels" -}}
{{- $root := index . 0 -}}
helm.sh/chart: {{ include "fabric-ccaas.chart" $root }}
{{ include "fabric-ccaas.selectorLabels" $root }}
app.kubernetes.io/component: {{ index . 1 }}
app.kubernetes.io/version: {{ $root.Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ $root.Release.Service }}
{{- end }}

{{/* Labels that select the server pods (Deployment, Service, PDB, NetworkPolicy). */}}
{{- define "fabric-ccaas.selectorLabels" -}}
app.kubernetes.io/name: {{ include "fabric-ccaas.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end }}

{{/* The pods' ServiceAccount name. */}}
{{- define "fabric-ccaas.serviceAccountName" -}}
{{- if .Values.serviceAccount.create }}
{{- default (include "fabric-ccaas.fullname" .) .Values.serviceAccount.name }}
{{- else }}
{{- default "default" .Values.serviceAccount.name }}
{{- end }}
{{- end }}

{{/* The server image: repository@digest when a digest is set, else repository:tag with the tag defaulting to appVersion. */}}
{{- define "fabric-ccaas.image" -}}
{{- if .Values.image.digest }}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest }}
{{- else }}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}
{{- end }}

{{/* The helm test pod's image: tests.image.repository:tag when a repository is set, else the server image. */}}
{{- define "fabric-ccaas.testImage" -}}
{{- if .Values.tests.image.repository }}
{{- printf "%s:%s" .Values.tests.image.repository (default .Chart.AppVersion .Values.tests.image.tag) }}
{{- else }}
{{- include "fabric-ccaas.image" . }}
{{- end }}
{{- end }}

{{/* The address the peer dials: connection.address, else <fullname>.<namespace>.svc:<grpcPort>. */}}
{{- define "fabric-ccaas.connectionAddress" -}}
{{- default (printf "%s.%s.svc:%d" (include "fabric-ccaas.fullname" .) .Release.Namespace (int .Values.service.grpcPort)) .Values.connection.address }}
{{- end }}

{{/* The Secret holding the server's tls.key and tls.crt: tls.existingSecret, else the cert-manager Certificate's. */}}
{{- define "fabric-ccaas.tlsSecretName" -}}
{{- if .Values.tls.existingSecret }}
{{- .Values.tls.existingSecret }}
{{- else }}
{{- printf "%s-tls" (include "fabric-ccaas.fullname" .) }}
{{- end }}
{{- end }}

{{/* True (non-empty) when the server requires client certificates. */}}
{{- define "fabric-ccaas.mutualTls" -}}
{{- if and .Values.tls.enabled .Values.tls.clientCa.existingSecret }}true{{ end }}
{{- end }}

{{/* Fails rendering on contradictory values, with a message naming them. */}}
{{- define "fabric-ccaas.validate" -}}
{{- if and (not .Values.chaincode.id) (not .Values.chaincode.allowDevelopmentId) }}
{{- fail "chaincode.id is required: set it to the package ID printed by `npm run package` or `peer lifecycle chaincode install` (or set chaincode.allowDevelopmentId=true to try the chart without a peer)" }}
{{- end }}
{{- if and .Values.chaincode.id .Values.chaincode.label (ne (include "fabric-ccaas.idLabel" .) .Values.chaincode.label) }}
{{- fail (printf "chaincode.label %q does not match the label of chaincode.id %q: the package ID is <label>:<sha256>" .Values.chaincode.label .Values.chaincode.id) }}
{{- end }}
{{- if .Values.tls.enabled }}
{{- if and .Values.tls.existingSecret .Values.tls.certManager.enabled }}
{{- fail "tls.existingSecret and tls.certManager.enabled are both set: choose one source for the server key and certificate" }}
{{- end }}
{{- if not (or .Values.tls.existingSecret .Values.tls.certManager.enabled) }}
{{- fail "tls.enabled needs tls.existingSecret (a Secret with tls.key and tls.crt) or tls.certManager.enabled" }}
{{- end }}
{{- if and .Values.tls.certManager.enabled (not .Values.tls.certManager.issuerRef.name) }}
{{- fail "tls.certManager.enabled needs tls.certManager.issuerRef.name" }}
{{- end }}
{{- if not .Values.connection.rootCert }}
{{- fail "tls.enabled needs connection.rootCert: the PEM of the CA that signed the server certificate, for connection.json" }}
{{- end }}
{{- if and .Values.tls.clientCa.existingSecret (not (and .Values.connection.clientCert .Values.connection.clientKey)) }}
{{- fail "tls.clientCa.existingSecret (mutual TLS) needs connection.clientCert and connection.clientKey: the certificate and key the peer presents" }}
{{- end }}
{{- else }}
{{- if or .Values.tls.existingSecret .Values.tls.certManager.enabled .Values.tls.clientCa.existingSecret }}
{{- fail "tls.existingSecret, tls.certManager.enabled and tls.clientCa.existingSecret need tls.enabled=true" }}
{{- end }}
{{- end }}
{{- if and (not (kindIs "invalid" .Values.podDisruptionBudget.minAvailable)) (not (kindIs "invalid" .Values.podDisruptionBudget.maxUnavailable)) }}
{{- fail "podDisruptionBudget: minAvailable and maxUnavailable are both set; set one of them (the other stays null)" }}
{{- end }}
{{- end }}

{{/*
sha256 of the live data of every Secret and ConfigMap the pods read (TLS, client CA, envFrom, extraVolumes),
looked up in the cluster at install and upgrade, so `helm upgrade` after one of them changed rolls the pods.
`helm template` and --dry-run have no cluster: every lookup is empty there and the sum is constant.
*/}}
{{- define "fabric-ccaas.secretsChecksum" -}}
{{- $ns := .Release.Namespace }}
{{- $refs := list }}
{{- if .Values.tls.enabled }}
{{- $refs = append $refs (list "Secret" (include "fabric-ccaas.tlsSecretName" .)) }}
{{- with .Values.tls.clientCa.existingSecret }}
{{- $refs = append $refs (list "Secret" .) }}
{{- end }}
{{- end }}
{{- range .Values.envFrom }}
{{- with .secretRef }}{{ $refs = append $refs (list "Secret" .name) }}{{ end }}
{{- with .configMapRef }}{{ $refs = append $refs (list "ConfigMap" .name) }}{{ end }}
{{- end }}
{{- range .Values.extraVolumes }}
{{- with .secret }}{{ $refs = append $refs (list "Secret" .secretName) }}{{ end }}
{{- with .configMap }}{{ $refs = append $refs (list "ConfigMap" .name) }}{{ end }}
{{- end }}
{{- $data := list }}
{{- range $refs }}
{{- $object := lookup "v1" (index . 0) $ns (index . 1) }}
{{- $data = append $data (list (index . 0) (index . 1) ($object.data | default dict) ($object.binaryData | default dict)) }}
{{- end }}
{{- toJson $data | sha256sum }}
{{- end }}

{{/* The label part of chaincode.id (before the last ":"). */}}
{{- define "fabric-ccaas.idLabel" -}}
{{- $parts := splitList ":" .Values.chaincode.id }}
{{- join ":" (initial $parts) }}
{{- end }}

{{/* metadata.json's label: chaincode.label, else the label of chaincode.id, else dev-chaincode. */}}
{{- define "fabric-ccaas.packageLabel" -}}
{{- if .Values.chaincode.label }}
{{- .Values.chaincode.label }}
{{- else if .Values.chaincode.id }}
{{- include "fabric-ccaas.idLabel" . }}
{{- else }}
{{- "dev-chaincode" }}
{{- end }}
{{- end }}

{{/* PEM text as the packaging tool stores it: LF line endings and exactly one final newline. */}}
{{- define "fabric-ccaas.pem" -}}
{{- printf "%s\n" (regexReplaceAll "\\s+\\z" (replace "\r\n" "\n" .) "") }}
{{- end }}

{{/*
connection.json exactly as src/tools/connection-json.ts renderConnectionJson() writes it: toPrettyJson of a
dict (keys sorted, two-space indent, <>& escaped as Go does, no final newline).
*/}}
{{- define "fabric-ccaas.connectionJson" -}}
{{- $mutual := include "fabric-ccaas.mutualTls" . }}
{{- $fields := dict "address" (include "fabric-ccaas.connectionAddress" .) "dial_timeout" .Values.connection.dialTimeout "tls_required" (.Values.tls.enabled | default false) "client_auth_required" (eq $mutual "true") }}
{{- if .Values.tls.enabled }}
{{- $_ := set $fields "root_cert" (include "fabric-ccaas.pem" .Values.connection.rootCert) }}
{{- end }}
{{- if $mutual }}
{{- $_ := set $fields "client_cert" (include "fabric-ccaas.pem" .Values.connection.clientCert) }}
{{- $_ := set $fields "client_key" (include "fabric-ccaas.pem" .Values.connection.clientKey) }}
{{- end }}
{{- if .Values.connection.domain }}
{{- $_ := set $fields "domain" .Values.connection.domain }}
{{- end }}
{{- toPrettyJson $fields }}
{{- end }}

{{/* metadata.json exactly as renderMetadataJson() writes it. */}}
{{- define "fabric-ccaas.metadataJson" -}}
{{- toPrettyJson (dict "label" (include "fabric-ccaas.packageLabel" .) "type" "ccaas") }}
{{- end }}
