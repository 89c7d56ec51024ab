// SPDX-License-Identifier: Apache-2.0
//
// loadChaincode() with a module whose chaincode is a class instance holding #private fields.

import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { loadChaincode } from '../../src/process/chaincode-loader.ts';
import type { ChaincodeStub } from '../../src/shim/types.ts';

const MODULE = path.resolve(import.meta.dirname, '..', 'fixtures', 'modules', 'router-chaincode.ts');

test('a Router returned by createChaincode() answers Invoke and keeps its function names', async () => {
    const chaincode = await loadChaincode(MODULE);
    const stub = { getFunctionAndParameters: () => ({ fcn: 'echo', params: ['a', 'b'] }) } as unknown as ChaincodeStub;

    const response = await chaincode.Invoke(stub);

    assert.equal(response.status, 200);
    assert.equal(Buffer.from(response.payload ?? []).toString(), 'a,b');
    assert.deepEqual(chaincode.functionNames, ['echo']);
    assert.equal((await chaincode.Init(stub)).status, 200);
});
