// SPDX-License-Identifier: Apache-2.0
//
// The README's dev-mode steps agree with what a dev-mode peer does: it launches `<name>:<definition version>`,
// so the ID the chaincode is run with must be the approved and committed name and version.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const README = readFileSync(path.resolve(import.meta.dirname, '..', '..', 'README.md'), 'utf8');

test('the dev-mode steps run the chaincode as <approved name>:<approved version>', () => {
    const start = README.indexOf('## Develop against a peer in dev mode');
    const section = README.slice(start, README.indexOf('\n## ', start + 1));
    const definitions = [
        ...section.matchAll(/peer lifecycle chaincode (approveformyorg|commit) .*-n (\S+) --version (\S+)/g),
    ];
    assert.deepEqual(
        definitions.map((m) => m[1]),
        ['approveformyorg', 'commit'],
    );
    const ids = new Set(definitions.map((m) => `${m[2] ?? ''}:${m[3] ?? ''}`));
    assert.equal(ids.size, 1, 'approve and commit name the same chaincode and version');
    const [id] = ids;
    const runIds = [...section.matchAll(/(?:CORE_CHAINCODE_ID_NAME=|--chaincode-id |--package-id )(\S+)/g)].map(
        (m) => m[1],
    );
    assert.ok(runIds.length >= 3);
    assert.deepEqual(new Set(runIds), ids, `every ID in the steps is ${String(id)}`);
});
