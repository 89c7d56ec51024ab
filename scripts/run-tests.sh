#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# The test step of `npm test` (every *.test.ts under test/, two files at a time) and of
# `npm run test:e2e` (argument `e2e`: every *.e2e.ts under test/e2e, one at a time, against the
# Fabric in FABRIC_HOME), on the Node version the image runs (scripts/install-node.sh installs it
# into .tools/ when the machine's node is another major).
set -eu

root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
node_bin=$(sh "$root/scripts/install-node.sh")
cd "$root"
if [ "${1:-}" = e2e ]; then
    pattern='*.e2e.ts' dir=test/e2e concurrency=1
else
    pattern='*.test.ts' dir=test concurrency=2
fi
# shellcheck disable=SC2046 # one argument per test file; the paths have no spaces
exec env PATH="$node_bin:$PATH" node --import tsx --test --test-concurrency=$concurrency $(find "$dir" -name "$pattern" | sort)
