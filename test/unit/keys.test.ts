// SPDX-License-Identifier: Apache-2.0
//
// Composite keys and range-key rules: the exact bytes both official shims produce, and
// the inputs they refuse.

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
    createCompositeKey,
    partialCompositeKeyRange,
    simpleKeyRange,
    splitCompositeKey,
} from '../../src/shim/keys.ts';

describe('composite keys', () => {
    test('puts U+0000 first and after every component', () => {
        assert.equal(createCompositeKey('obj', ['a', 'b']), '\u0000obj\u0000a\u0000b\u0000');
        assert.equal(createCompositeKey('obj', []), '\u0000obj\u0000');
    });

    test('refuses empty attributes, as fabric-shim does', () => {
        assert.throws(() => createCompositeKey('obj', ['', 'x']), /every attribute must be a non-empty string/);
    });

    test('splits back into object type and attributes, including non-ASCII ones', () => {
        const key = createCompositeKey('owner~asset', ['zoë', '𝄞']);
        assert.deepEqual(splitCompositeKey(key), { objectType: 'owner~asset', attributes: ['zoë', '𝄞'] });
        assert.deepEqual(splitCompositeKey('\u0000obj\u0000'), { objectType: 'obj', attributes: [] });
    });

    test('rejects an empty or non-string object type', () => {
        assert.throws(() => createCompositeKey('', ['a']), /objectType must be a non-empty string/);
        assert.throws(() => createCompositeKey(7 as unknown as string, []), /objectType must be a non-empty string/);
    });

    test('lets U+0000 and U+10FFFF inside components through, as fabric-shim does', () => {
        assert.equal(createCompositeKey('obj', ['a\u0000b']), '\u0000obj\u0000a\u0000b\u0000');
        assert.equal(createCompositeKey('obj', ['a\u{10FFFF}']), '\u0000obj\u0000a\u{10FFFF}\u0000');
        assert.throws(
            () => createCompositeKey('obj', [1 as unknown as string]),
            /every attribute must be a non-empty string/,
        );
    });

    test('splits a key outside the composite namespace as fabric-shim does: no object type, no attributes', () => {
        assert.deepEqual(splitCompositeKey('plain'), { objectType: null, attributes: [] });
        assert.deepEqual(splitCompositeKey('\u0000'), { objectType: null, attributes: [] });
        assert.deepEqual(splitCompositeKey('\u0000half'), { objectType: 'half', attributes: [] });
    });

    test('a partial key range runs from the prefix to the prefix followed by U+10FFFF', () => {
        const range = partialCompositeKeyRange('obj', ['a']);
        assert.equal(range.startKey, '\u0000obj\u0000a\u0000');
        assert.equal(range.endKey, '\u0000obj\u0000a\u0000\u{10FFFF}');
        assert.equal(Buffer.from(range.endKey, 'utf8').toString('hex'), '006f626a006100f48fbfbf');
    });
});

describe('simple-key ranges', () => {
    test('turns an empty start key into U+0001 and keeps the rest', () => {
        assert.deepEqual(simpleKeyRange('m', '', ''), { startKey: '\u0001', endKey: '' });
        assert.deepEqual(simpleKeyRange('m', 'a', 'z'), { startKey: 'a', endKey: 'z' });
    });

    test('rejects a start or end key that begins with U+0000', () => {
        assert.throws(() => simpleKeyRange('getStateByRange', '\u0000a', ''), /getStateByRange: .*U\+0000/);
        assert.throws(() => simpleKeyRange('getStateByRange', 'a', '\u0000b'), /U\+0000/);
    });
});
