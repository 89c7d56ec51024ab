// SPDX-License-Identifier: Apache-2.0
//
// chaincodeFromModule: which module shapes it serves, which it refuses, and contracts without
// decorators (every public method, arguments as strings), as fabric-shim serves them.

import './quiet-fabric-logs.ts';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { chaincodeFromModule, Contract, createContractChaincode, type Context } from '../../src/contracts/index.ts';
import { startChaincode } from '../../src/testing/index.ts';
import { fabricShimMetadata, metadataSchemaErrors } from './fabric-shim.ts';

/** A contract as plain JavaScript users write it: no decorators at all. */
class GreetingContract extends Contract {
    constructor() {
        super('greeting');
    }

    async Greet(ctx: Context, name: string, punctuation: string): Promise<string> {
        await ctx.stub.putState('last', Buffer.from(name));
        return `hello ${name}${punctuation}`;
    }

    Count(): number {
        return 3;
    }

    _hidden(): string {
        return 'never';
    }
}

class OtherContract extends Contract {
    Ping(): string {
        return 'pong';
    }
}

describe('chaincodeFromModule', () => {
    test('is undefined for a module without `contracts`', () => {
        for (const exports of [undefined, null, 42, {}, { default: {} }, { createChaincode: () => undefined }]) {
            assert.equal(chaincodeFromModule(exports), undefined);
        }
    });

    test('serves `contracts` from an ES module or a CommonJS module.exports (under default)', () => {
        const esm = chaincodeFromModule({ contracts: [GreetingContract] });
        const cjs = chaincodeFromModule({ default: { contracts: [GreetingContract, new OtherContract()] } });
        assert.deepEqual(esm?.functionNames, [
            'Greet',
            'Count',
            'greeting:Greet',
            'greeting:Count',
            'org.hyperledger.fabric:GetMetadata',
        ]);
        assert.ok(cjs?.functionNames.includes('greeting:Greet'));
    });

    test('refuses a malformed `contracts`, custom serializers and duplicate names', () => {
        assert.throws(() => chaincodeFromModule({ contracts: GreetingContract }), /must be an array/);
        assert.throws(
            () => chaincodeFromModule({ contracts: [Date] }),
            /not a fabric-contract-api Contract class or instance: class Date/,
        );
        assert.throws(
            () => chaincodeFromModule({ contracts: [GreetingContract], serializers: { transaction: 'x' } }),
            /custom serializers are not supported/,
        );
        assert.throws(() => createContractChaincode([GreetingContract, GreetingContract]), /two contracts are named/);
        assert.throws(() => createContractChaincode([]), /at least one contract/);
    });

    test('a contract without decorators takes string arguments for every public method', async (t) => {
        const { peer, close } = await startChaincode(createContractChaincode([GreetingContract]));
        t.after(close);
        const greet = await peer.invoke(['Greet', 'Ann', '!']);
        assert.deepEqual([greet.status, greet.payload.toString()], [200, 'hello Ann!']);
        assert.equal(peer.ledger.get('last')?.toString(), 'Ann');
        const count = await peer.invoke(['greeting:Count', 'ignored']);
        assert.deepEqual([count.status, count.payload.toString()], [200, '3']);
        const short = await peer.invoke(['Greet', 'Ann']);
        assert.deepEqual(
            [short.status, short.message],
            [400, 'greeting:Greet expects 2 arguments (arg0, arg1); got 1'],
        );
        const hidden = await peer.invoke(['_hidden']);
        assert.deepEqual(
            [hidden.status, hidden.message],
            [500, "You've asked to invoke a function that does not exist: _hidden"],
        );
    });

    test("a contract without decorators has fabric-shim's metadata", async (t) => {
        const { peer, close } = await startChaincode(createContractChaincode([GreetingContract], { title: 'g' }));
        t.after(close);
        const result = await peer.invoke(['org.hyperledger.fabric:GetMetadata']);
        const ours: unknown = JSON.parse(result.payload.toString());
        assert.deepEqual(metadataSchemaErrors(ours), []);
        assert.deepEqual(ours, await fabricShimMetadata([GreetingContract], 'g'));
    });
});
