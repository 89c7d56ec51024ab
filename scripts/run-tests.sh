#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# The test step of `npm test`: every test file under test/, on the Node version the image runs
# (scripts/install-node.sh installs it into .tools/ when the machine's node is another major),
# two files at a time.
set -eu

root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
node_bin=$(sh "$root/scripts/install-node.sh")
cd "$root"
# shellcheck disable=SC2046 # one argument per test file; the paths have no spaces
exec env PATH="$node_bin:$PATH" node --import tsx --test --test-concurrency=2 $(find test -name '*.test.ts' | sort)
