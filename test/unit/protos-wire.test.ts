// SPDX-License-Identifier: Apache-2.0
//
// Every message and enum in protos/ is wire-compatible with Fabric's own generated code, both ways, every field set.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { protoRoot } from '../../src/wire/protos.ts';
import {
    assertWireCompatible,
    getterName,
    normalise,
    ourEnums,
    ourMessageTypes,
    qualifiedName,
    sampleFor,
    theirClass,
    theirExport,
} from '../helpers/protos-sample.ts';

const root = protoRoot();
const messageTypes = ourMessageTypes(root);
const enums = ourEnums(root);

/** True when a normalised field value is its proto3 default, i.e. would not reach the wire. */
function isDefault(value: unknown): boolean {
    if (value === null || value === undefined || value === '' || value === 0 || value === '0' || value === false) {
        return true;
    }
    if (Buffer.isBuffer(value) || Array.isArray(value)) return value.length === 0;
    if (typeof value === 'object') return Object.keys(value).length === 0;
    return false;
}

test('protos/ defines the message types the shim relies on', () => {
    const names = messageTypes.map(qualifiedName);
    assert.ok(names.length > 0);
    for (const name of [
        'protos.ChaincodeMessage',
        'protos.SignedProposal',
        'common.ChannelHeader',
        'msp.SerializedIdentity',
        'queryresult.KV',
        'queryresult.KeyModification',
        'protos.ChaincodeAdditionalParams',
        'protos.WriteBatchState',
        'protos.GetStateMultipleResult',
        'protos.Response',
    ]) {
        assert.ok(names.includes(name), `${name} missing from protos/`);
    }
    assert.ok(names.every((name) => !name.startsWith('google.')));
});

test('protos/ defines the enums the shim relies on', () => {
    const names = enums.map(qualifiedName);
    for (const name of ['protos.ChaincodeMessage.Type', 'protos.WriteRecord.Type', 'protos.ChaincodeSpec.Type']) {
        assert.ok(names.includes(name), `${name} missing from protos/`);
    }
    assert.ok(names.includes('common.HeaderType'), 'common.HeaderType missing from protos/');
});

test('getter names follow protoc-gen-js naming', () => {
    assert.equal(getterName('channel_id'), 'getChannelId');
    assert.equal(getterName('startKey'), 'getStartkey');
    assert.equal(getterName('resultBytes', '_asU8'), 'getResultbytes_asU8');
    assert.equal(getterName('TransientMap', 'Map'), 'getTransientmapMap');
    assert.equal(getterName('args', 'List_asU8'), 'getArgsList_asU8');
    assert.equal(getterName('extension'), 'getExtension$');
    assert.equal(getterName('extension', '_asU8'), 'getExtension_asU8');
});

for (const type of messageTypes) {
    const name = qualifiedName(type);

    test(`${name} is wire-compatible with Fabric's`, () => {
        const sample = normalise(type, sampleFor(type));
        for (const field of type.fieldsArray) {
            if (field.partOf !== null && field.partOf.fieldsArray[0] !== field) continue;
            assert.ok(!isDefault(sample[field.name]), `${name}.${field.name} has no non-default sample value`);
        }
        assertWireCompatible(type, theirClass(type));
    });
}

for (const ours of enums) {
    const name = qualifiedName(ours);

    test(`enum ${name} has Fabric's numbers`, () => {
        const theirs = theirExport(name);
        assert.ok(
            typeof theirs === 'object' && theirs !== null,
            `${name} is not an enum in @hyperledger/fabric-protos`,
        );
        const theirValues = theirs as Record<string, unknown>;
        for (const [member, value] of Object.entries(ours.values)) {
            assert.equal(theirValues[member], value, `${name}.${member}`);
        }
    });
}
