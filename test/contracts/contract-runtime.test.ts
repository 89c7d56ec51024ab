// SPDX-License-Identifier: Apache-2.0
//
// Contracts written exactly as for fabric-shim (test/fixtures/contracts, compiled with tsc and
// decorator metadata) run through the fake peer; only the start-up wiring differs.

import './quiet-fabric-logs.ts';
import assert from 'node:assert/strict';
import { after, before, describe, test, type TestContext } from 'node:test';
import { chaincodeFromModule } from '../../src/contracts/index.ts';
import type { RoutedChaincode } from '../../src/shim/router.ts';
import { startChaincode, type FakePeer } from '../../src/testing/index.ts';
import { compileFixture, type CompiledFixture } from './compiled-fixture.ts';

let fixture: CompiledFixture;

before(async () => {
    fixture = await compileFixture();
});
after(() => fixture.remove());

function chaincode(): RoutedChaincode {
    const served = chaincodeFromModule(fixture.exports, { title: 'asset-contracts-fixture', version: '1.2.3' });
    assert.ok(served, 'the fixture exports contracts');
    return served;
}

/** The fixture's hook log, the same array the contract pushes to. */
function hookCalls(): string[] {
    const exports = fixture.exports as { hookCalls?: string[]; default?: { hookCalls: string[] } };
    const calls = exports.hookCalls ?? exports.default?.hookCalls;
    assert.ok(calls, 'the fixture exports hookCalls');
    return calls;
}

async function peerWithAsset(t: TestContext): Promise<FakePeer> {
    const { peer, close } = await startChaincode(chaincode());
    t.after(close);
    const created = await peer.invoke(['CreateAsset', 'a1', 'blue', '5', 'Tomoko', '300']);
    assert.equal(created.status, 200, created.message);
    hookCalls().length = 0;
    return peer;
}

const text = (payload: Uint8Array): string => Buffer.from(payload).toString('utf8');

describe('a fabric-contract-api contract compiled with tsc', () => {
    test('lists the default contract bare names, every Contract:function and GetMetadata', () => {
        const names = chaincode().functionNames;
        const assetFunctions = [
            'CreateAsset',
            'ReadAsset',
            'UpdateAsset',
            'DeleteAsset',
            'TransferAsset',
            'AssetExists',
            'TotalValue',
        ];
        assert.deepEqual(names, [
            ...assetFunctions,
            'AuditContract:Record',
            'AuditContract:ReadTransient',
            'AuditContract:WhoAmI',
            ...assetFunctions.map((fn) => `assets:${fn}`),
            'org.hyperledger.fabric:GetMetadata',
        ]);
    });

    test('routes bare names to the @Default() contract and Name:function to the named one', async (t) => {
        const peer = await peerWithAsset(t);
        const bare = await peer.invoke(['ReadAsset', 'a1']);
        const named = await peer.invoke(['assets:ReadAsset', 'a1']);
        const empty = await peer.invoke([':ReadAsset', 'a1']);
        const expected = '{"ID":"a1","Color":"blue","Size":5,"Owner":"Tomoko","AppraisedValue":300}';
        assert.deepEqual(
            [bare, named, empty].map((r) => [r.status, text(r.payload)]),
            [
                [200, expected],
                [200, expected],
                [200, expected],
            ],
        );
        const audit = await peer.invoke(['AuditContract:Record', 'checked', 'TRUE']);
        assert.equal(audit.status, 200, audit.message);
        assert.deepEqual(JSON.parse(text(audit.payload)), {
            note: 'checked',
            critical: true,
            context: 'audit',
            caller: 'Org1MSP',
        });
        assert.equal(peer.ledger.get(`audit-${audit.txId}`)?.toString(), 'checked');
    });

    test('runs beforeTransaction, the function and afterTransaction in order; unknownTransaction alone', async (t) => {
        const peer = await peerWithAsset(t);
        assert.equal((await peer.invoke(['TransferAsset', 'a1', 'Max'])).status, 200);
        const unknown = await peer.invoke(['assets:Helper']);
        assert.deepEqual([unknown.status, unknown.message], [500, 'assets has no transaction assets:Helper']);
        assert.deepEqual(hookCalls(), [
            'before TransferAsset',
            'after TransferAsset "Tomoko"',
            'unknown assets:Helper',
        ]);
    });

    test('converts numbers, booleans, @Object JSON and arrays, and serialises returns as fabric-shim does', async (t) => {
        const peer = await peerWithAsset(t);
        assert.deepEqual(JSON.parse(peer.ledger.get('a1')!.toString()), {
            ID: 'a1',
            Color: 'blue',
            Size: 5,
            Owner: 'Tomoko',
            AppraisedValue: 300,
        });
        const transferred = await peer.invoke(['TransferAsset', 'a1', 'Max']);
        assert.deepEqual([transferred.status, text(transferred.payload)], [200, 'Tomoko']);
        const updated = await peer.invoke(['UpdateAsset', '{"ID":"a1","Color":"red","Size":7}']);
        // The function saw an Asset instance, with the class's defaults for the fields the JSON left out.
        assert.deepEqual([updated.status, text(updated.payload)], [200, 'true']);
        assert.equal(
            peer.ledger.get('a1')?.toString(),
            '{"ID":"a1","Color":"red","Size":7,"Owner":"","AppraisedValue":0}',
        );
        peer.ledger.set('a2', JSON.stringify({ ID: 'a2', AppraisedValue: 250 }));
        // String elements of an array arrive still JSON-quoted ('"a1"'), exactly as under fabric-shim,
        // so the contract looks up a key that does not exist.
        const total = await peer.invoke(['TotalValue', '["a1","a2"]']);
        assert.equal(total.status, 500);
        assert.match(total.message, /"a1"/);
        const exists = await peer.invoke(['AssetExists', 'zz']);
        assert.deepEqual([exists.status, text(exists.payload)], [200, 'false']);
        const deleted = await peer.invoke(['DeleteAsset', 'a1']);
        assert.deepEqual([deleted.status, deleted.payload.length], [200, 0]);
    });

    test('answers 400 naming the parameter when an argument does not convert, before any hook runs', async (t) => {
        const peer = await peerWithAsset(t);
        const cases: [string[], string][] = [
            [
                ['CreateAsset', 'a2', 'red', 'big', 'Max', '1'],
                'parameter "size" of assets:CreateAsset must be a number; got "big"',
            ],
            [
                ['CreateAsset', 'a2', 'red', '1', 'Max', '1,5'],
                'parameter "appraisedValue" of assets:CreateAsset must be a number; got "1,5"',
            ],
            [
                ['AuditContract:Record', 'note', 'maybe'],
                'parameter "critical" of AuditContract:Record must be true or false; got "maybe"',
            ],
            [
                ['UpdateAsset', '{"ID":"a1","Size":"large"}'],
                'parameter "asset" of assets:UpdateAsset is invalid: asset.Size must be a number, not a string',
            ],
            [['UpdateAsset', 'not json'], 'parameter "asset" of assets:UpdateAsset must be JSON: '],
            [
                ['UpdateAsset', '[1]'],
                'parameter "asset" of assets:UpdateAsset is invalid: asset must be an object, not an array',
            ],
            [['TotalValue', '{"a":1}'], 'parameter "ids" of assets:TotalValue must be a JSON array'],
            [
                ['CreateAsset', 'a2', 'red'],
                'assets:CreateAsset expects 5 arguments (id, color, size, owner, appraisedValue); got 2',
            ],
        ];
        for (const [args, message] of cases) {
            const result = await peer.invoke(args);
            assert.equal(result.status, 400, args.join(' '));
            assert.ok(result.message.startsWith(message), `${result.message} starts with ${message}`);
        }
        assert.equal(peer.ledger.get('a2'), undefined);
        assert.deepEqual(hookCalls(), []);
    });

    test('a thrown error becomes a 500 with its message, and its writes are dropped', async (t) => {
        const peer = await peerWithAsset(t);
        const duplicate = await peer.invoke(['CreateAsset', 'a1', 'red', '1', 'Max', '1']);
        assert.deepEqual([duplicate.status, duplicate.message], [500, 'The asset a1 already exists']);
        const missing = await peer.invoke(['assets:DeleteAsset', 'zz']);
        assert.deepEqual([missing.status, missing.message], [500, 'The asset zz does not exist']);
        assert.deepEqual(hookCalls(), ['before CreateAsset', 'before assets:DeleteAsset']);
    });

    test('an unknown function runs the contract unknownTransaction; an unknown contract is an error', async (t) => {
        const { peer, close } = await startChaincode(chaincode());
        t.after(close);
        const results = await Promise.all([
            peer.invoke(['AuditContract:Shred']),
            peer.invoke(['Nope']),
            peer.invoke(['ledger:ReadAsset', 'a1']),
            peer.invoke(['org.hyperledger.fabric:Nope']),
        ]);
        assert.deepEqual(
            results.map((r) => [r.status, r.message]),
            [
                [500, "You've asked to invoke a function that does not exist: AuditContract:Shred"],
                [500, 'assets has no transaction Nope'],
                [500, 'Contract name is not known: ledger'],
                [500, "You've asked to invoke a function that does not exist: org.hyperledger.fabric:Nope"],
            ],
        );
    });

    test('Init dispatches like Invoke, and a call without arguments succeeds', async (t) => {
        const { peer, close } = await startChaincode(chaincode());
        t.after(close);
        const init = await peer.invoke(['CreateAsset', 'a9', 'red', '1', 'Max', '2'], { init: true });
        assert.equal(init.status, 200, init.message);
        assert.equal((JSON.parse(peer.ledger.get('a9')!.toString()) as { Size: number }).Size, 1);
        const bare = await peer.invoke([]);
        assert.deepEqual([bare.status, text(bare.payload)], [200, 'Default initiator successful.']);
    });

    test('the context carries our stub (transient data untouched) and ClientIdentity', async (t) => {
        const { peer, close } = await startChaincode(chaincode());
        t.after(close);
        const secret = '{"not":"converted"} \u00e9';
        const transient = await peer.invoke(['AuditContract:ReadTransient', 'key'], {
            transient: { key: Buffer.from(secret) },
        });
        assert.deepEqual([transient.status, text(transient.payload)], [200, secret]);
        const who = await peer.invoke(['AuditContract:WhoAmI']);
        assert.match(text(who.payload), /^x509::\/C=US\/.*CN=User1@org1\.example\.com::\/C=US\//);
    });

    test('GetMetadata describes every contract, SUBMIT or EVALUATE, and the @Object types', async (t) => {
        const { peer, close } = await startChaincode(chaincode());
        t.after(close);
        const result = await peer.invoke(['org.hyperledger.fabric:GetMetadata']);
        assert.equal(result.status, 200);
        const metadata = JSON.parse(text(result.payload)) as {
            info: unknown;
            contracts: Record<string, { transactions: { name: string; tag?: string[] }[]; info: unknown }>;
            components: { schemas: Record<string, unknown> };
        };
        assert.deepEqual(metadata.info, { title: 'asset-contracts-fixture', version: '1.2.3' });
        assert.deepEqual(Object.keys(metadata.contracts), ['AuditContract', 'assets', 'org.hyperledger.fabric']);
        const tags = Object.fromEntries(metadata.contracts.assets!.transactions.map((tx) => [tx.name, tx.tag]));
        assert.deepEqual(tags.ReadAsset, ['EVALUATE']);
        assert.deepEqual(tags.CreateAsset, ['SUBMIT', 'submitTx']);
        assert.deepEqual(metadata.contracts.AuditContract!.info, {
            title: 'Audit',
            version: '2.0.0',
            name: 'AuditContract',
        });
        assert.deepEqual(Object.keys(metadata.components.schemas), ['Asset']);
    });
});
