#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# Copies the external builder scripts (builders/bin) into the chart, which can only read files
# inside its own directory. Run by `npm run chart:builders` and before the tests; the copies are
# not committed, so they can never drift from builders/bin.
set -eu

root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)
target="$root/helm/fabric-ccaas/files/builders"

mkdir -p "$target"
for script in build detect release; do
    cp "$root/builders/bin/$script" "$target/$script"
done
