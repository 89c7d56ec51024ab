// SPDX-License-Identifier: Apache-2.0
//
// Which public writes a write batch may hold: those no state database could refuse.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { peerMayRefuse } from '../../src/shim/batch-rules.ts';

const json = (text: string): Uint8Array => Buffer.from(text, 'utf8');

const CASES: readonly (readonly [string, string, Uint8Array | undefined, boolean])[] = [
    ['a plain key and JSON object', 'asset1', json('{"ID":"asset1","Owner":"Tomoko"}'), false],
    ['a value with "_" only inside a string', 'asset1', json('{"note":"_x", "list":["_y"]}'), false],
    ['a field starting with _', 'asset1', json('{"_id":"a"}'), true],
    ['a field starting with _ after whitespace', 'asset1', json(' \n{ "a": 1, "_rev": "1" }'), true],
    ['a field starting with _, escaped', 'asset1', json('{"\\u005fid":"a"}'), true],
    ['the ~version field', 'asset1', json('{"~version":"1"}'), true],
    ['a nested _ field (CouchDB checks the top level only)', 'asset1', json('{"a":{"_id":1}}'), false],
    ['bytes that are not JSON', 'asset1', json('{not json'), false],
    ['a JSON array', 'asset1', json('[{"_id":1}]'), false],
    ['a delete', 'asset1', undefined, false],
    ['the empty key', '', json('x'), true],
    ['a key starting with _', '_asset', json('x'), true],
    ['a key with a lone surrogate', 'a\uD800b', json('x'), true],
];

for (const [name, key, value, refused] of CASES) {
    test(`${name}: ${refused ? 'sent at once' : 'may be batched'}`, () => {
        assert.equal(peerMayRefuse(key, value), refused);
    });
}
