#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
#
# Runs before `npm test` (the pretest script): makes sure the system tools the tests use are
# here (dash and busybox run the builder scripts, shellcheck lints them, unzip unpacks helm),
# installing them with apt-get when run as root on Debian, then fetches helm for the chart tests.
# prometheus (with promtool) is optional: the observability tests skip without it.
set -eu

root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd)

missing=''
for tool in dash busybox shellcheck unzip; do
    command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"
done
if [ -n "$missing" ]; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "install-test-tools: installing$missing with apt-get" >&2
        export DEBIAN_FRONTEND=noninteractive
        apt-get update -qq >&2
        # shellcheck disable=SC2086 # one word per package
        apt-get install -y -qq --no-install-recommends $missing >&2
    else
        echo "install-test-tools: the tests need$missing: install them (Debian/Ubuntu: sudo apt-get install$missing)" >&2
        exit 1
    fi
fi

if ! command -v promtool >/dev/null 2>&1; then
    if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
        echo "install-test-tools: installing prometheus with apt-get (the observability tests use it)" >&2
        export DEBIAN_FRONTEND=noninteractive
        # Only the binaries are used: the package's service is never started by the tests.
        apt-get install -y -qq --no-install-recommends prometheus >&2 ||
            (apt-get update -qq >&2 && apt-get install -y -qq --no-install-recommends prometheus >&2) ||
            echo "install-test-tools: prometheus could not be installed; the observability tests will be skipped" >&2
    else
        echo "install-test-tools: no prometheus/promtool: the observability tests will be skipped (Debian: apt-get install prometheus)" >&2
    fi
fi

"$root/scripts/install-helm.sh"
