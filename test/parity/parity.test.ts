// SPDX-License-Identifier: Apache-2.0
//
// The parity suite: the same contracts and chaincode on fabric-shim 2.5.8's own server and on
// ours, driven by the same fake-peer script, compared request by request and answer by answer.

import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { createCertificateAuthority, type CreatorIdentity } from '../../src/testing/index.ts';
import { batchingScenario } from './scenarios/batching.ts';
import { chaincodeScenario } from './scenarios/chaincode.ts';
import { itemsScenario } from './scenarios/items.ts';
import { ledgerScenario } from './scenarios/ledger.ts';
import { privateScenario } from './scenarios/private.ts';
import { queryScenario } from './scenarios/query.ts';
import { compileTsContracts, type CompiledContracts } from './support/compile.ts';
import { runScenario, type Scenario } from './support/scenario.ts';
import {
    startFabricShimChaincode,
    startFabricShimContracts,
    startOurChaincode,
    startOurContracts,
} from './support/sides.ts';

const FIXTURES = path.join(import.meta.dirname, 'fixtures');
const JS_CONTRACTS = path.join(FIXTURES, 'js-contracts');

let creator: CreatorIdentity;
let tsContracts: CompiledContracts;
const compared = new Map<string, number>();
let deliberate = 0;

before(async () => {
    const ca = await createCertificateAuthority('ca.org1.example.com');
    // A number and an empty string among the attributes, as a hand-made certificate may carry.
    const attributes = { role: 'auditor', level: 3, empty: '' } as unknown as Record<string, string>;
    const user = await ca.issue({ commonName: 'User1@org1.example.com', usage: 'client', attributes });
    creator = { mspid: 'Org1MSP', certificate: user.cert, privateKey: user.key };
    tsContracts = await compileTsContracts(path.join(FIXTURES, 'ts-contracts'));
});

after(async () => {
    await tsContracts.remove();
});

/** Runs `scenario` as a subtest of `t`, so every scenario reports even when one fails. */
async function compare(t: TestContext, scenario: Scenario, theirs: string, ours: string): Promise<void> {
    await t.test(scenario.name, async () => {
        const result = await runScenario(scenario, theirs, ours, creator);
        compared.set(scenario.name, result.compared);
        deliberate += result.deliberate;
    });
}

test('JavaScript contracts without metadata (fabric-chaincode-node server --module-path)', async (t) => {
    const [theirs, ours] = await Promise.all([
        startFabricShimContracts(t, JS_CONTRACTS),
        startOurContracts(t, JS_CONTRACTS),
    ]);
    await compare(t, ledgerScenario, theirs.address, ours);
    await compare(t, queryScenario, theirs.address, ours);
    await compare(t, privateScenario, theirs.address, ours);
    await compare(t, batchingScenario, theirs.address, ours);
});

test('decorated TypeScript contracts, compiled with tsc', async (t) => {
    const [theirs, ours] = await Promise.all([
        startFabricShimContracts(t, tsContracts.dir),
        startOurContracts(t, tsContracts.dir),
    ]);
    await compare(t, itemsScenario, theirs.address, ours);
});

test('a low-level chaincode on shim.server() and on our ChaincodeServer', async (t) => {
    const dir = path.join(FIXTURES, 'chaincode');
    const [theirs, ours] = await Promise.all([startFabricShimChaincode(t, dir), startOurChaincode(t, dir)]);
    await compare(t, chaincodeScenario, theirs.address, ours);
});

test('the suite compared at least 150 steps across at least 6 contracts and chaincodes', (t) => {
    const total = [...compared.values()].reduce((sum, n) => sum + n, 0);
    const each = [...compared].map(([name, n]) => `${name} ${n}`).join(', ');
    t.diagnostic(`parity steps: ${total}, ${deliberate} of them documented deliberate differences (${each})`);
    // ledger, query, private, identity (JavaScript), items (TypeScript), the low-level chaincode.
    const names = new Set([...compared.keys()].flatMap((name) => name.split(' ')[0]!.split('+')));
    assert.ok(total >= 150, `only ${total} steps compared`);
    assert.ok(names.size >= 6, `only ${[...names].join(', ')}`);
});
