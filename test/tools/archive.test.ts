// SPDX-License-Identifier: Apache-2.0
//
// The reproducible archive pieces: stored-block gzip and the tar writer.

import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { test } from 'node:test';
import { gzipStored } from '../../src/tools/stored-gzip.ts';
import { createTar, createTarGz } from '../../src/tools/tar-archive.ts';
import { readTarEntries } from '../helpers/tar-entries.ts';

for (const size of [0, 1, 65535, 65536, 200_000]) {
    test(`gzipStored output of ${size} bytes gunzips back to the input`, () => {
        const data = Buffer.alloc(size, 'chaincode ');
        assert.deepEqual(gunzipSync(gzipStored(data)), data);
    });
}

test('gzipStored writes a fixed header: no name, mtime 0, XFL 0, OS 255', () => {
    assert.deepEqual(gzipStored(Buffer.from('x')).subarray(0, 10), Buffer.from('1f8b08000000000000ff', 'hex'));
});

test('createTar orders entries by path whatever the input order', async () => {
    const files = [
        { path: 'connection.json', content: Buffer.from('{}') },
        { path: 'META-INF/statedb/couchdb/indexes/b.json', content: Buffer.from('{}') },
        { path: 'META-INF/statedb/couchdb/indexes/a.json', content: Buffer.from('{}') },
    ];
    const forward = await createTar(files);
    assert.deepEqual(await createTar([...files].reverse()), forward);
    assert.deepEqual(
        (await readTarEntries(forward)).map((entry) => entry.path),
        ['META-INF/statedb/couchdb/indexes/a.json', 'META-INF/statedb/couchdb/indexes/b.json', 'connection.json'],
    );
});

test('createTarGz keeps a path over 100 bytes in the ustar prefix field', async () => {
    const path = `META-INF/statedb/couchdb/collections/${'c'.repeat(60)}/indexes/${'i'.repeat(40)}.json`;
    const [entry] = await readTarEntries(await createTarGz([{ path, content: Buffer.from('{}') }]));
    assert.equal(entry?.path, path);
});

for (const [path, problem] of [
    ['/etc/passwd', 'is not a relative path'],
    ['../escape.json', 'is not a relative path'],
    [`${'d'.repeat(160)}/${'f'.repeat(120)}`, 'does not fit a plain ustar header'],
    ['META-INF/statedb/couchdb/indexes/índice.json', 'does not fit a plain ustar header'],
] as const) {
    test(`createTar rejects "${path.slice(0, 40)}": ${problem}`, async () => {
        await assert.rejects(createTar([{ path, content: Buffer.alloc(0) }]), (err: Error) =>
            err.message.includes(problem),
        );
    });
}

test('createTar rejects a path given twice', async () => {
    const file = { path: 'connection.json', content: Buffer.from('{}') };
    await assert.rejects(createTar([file, file]), /appears twice/);
});
