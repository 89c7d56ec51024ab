// SPDX-License-Identifier: Apache-2.0
//
// The builder scripts as files: shellcheck-clean, executable, POSIX sh shebang, LF line endings, and
// runnable the way the peer runs them (exec, no shell in front).

import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { BUILDERS_BIN, makeBuilderDirs } from '../helpers/builder-scripts.ts';

const SCRIPTS = ['detect', 'build', 'release'] as const;

test('shellcheck finds nothing in builders/bin', () => {
    const result = spawnSync(
        'shellcheck',
        SCRIPTS.map((name) => join(BUILDERS_BIN, name)),
        { encoding: 'utf8' },
    );
    assert.equal(result.error, undefined);
    assert.equal(result.stdout, '');
    assert.equal(result.status, 0);
});

for (const name of SCRIPTS) {
    test(`${name} is mode 0755 with a #!/bin/sh shebang, set -eu and LF line endings`, () => {
        const path = join(BUILDERS_BIN, name);
        assert.equal(statSync(path).mode & 0o777, 0o755);
        const text = readFileSync(path, 'utf8');
        assert.ok(text.startsWith('#!/bin/sh\n'));
        assert.match(text, /^set -eu$/m);
        assert.equal(text.includes('\r'), false);
    });
}

test('the peer can exec detect directly, through its shebang', (t) => {
    const dirs = makeBuilderDirs(t);
    const metadata = join(dirs.metadata, 'metadata.json');
    writeFileSync(metadata, '{}');
    const result = spawnSync(join(BUILDERS_BIN, 'detect'), [dirs.source, dirs.metadata], {
        env: { PATH: '/usr/bin:/bin' },
        encoding: 'utf8',
    });
    assert.equal(result.stderr, `detect: ${metadata} has no "type" string\n`);
    assert.equal(result.status, 1);
});
