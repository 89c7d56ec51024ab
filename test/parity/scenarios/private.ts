// SPDX-License-Identifier: Apache-2.0
//
// The `private` JavaScript contract: private data from transient input, hashes, ranges,
// deletes, purges and validation parameters; and the `identity` contract's client identity.

import type { Scenario, Step } from '../support/scenario.ts';

const COLLECTION = 'secrets';

const steps: Step[] = [
    { args: ['private:putTransient', COLLECTION, 's1'], transient: { value: 'secret' } },
    { args: ['private:putTransient', COLLECTION, 's2'], transient: { value: 'other' } },
    { args: ['private:putTransient', COLLECTION, 's3'] },
    { args: ['private:transient'], transient: { a: 'one', b: 'two' } },
    { args: ['private:get', COLLECTION, 's1'] },
    { args: ['private:get', COLLECTION, 'absent'] },
    { args: ['private:hash', COLLECTION, 's1'] },
    { args: ['private:hash', COLLECTION, 'absent'] },
    { args: ['private:range', COLLECTION, '', ''] },
    { args: ['private:range', COLLECTION, 's2', ''] },
    { args: ['private:putKind', COLLECTION, 'k1', 'bytes'] },
    { args: ['private:putKind', COLLECTION, 'k2', 'string'] },
    { args: ['private:putKind', COLLECTION, 'k3', 'object'] },
    { args: ['private:putKind', COLLECTION, 'k4', 'empty'] },
    { args: ['private:putKind', COLLECTION, 'k5', 'number'] },
    { args: ['private:putKind', '', 'k6', 'bytes'] },
    { args: ['private:setVp', COLLECTION, 's1'] },
    { args: ['private:getVp', COLLECTION, 's1'] },
    { args: ['private:getVp', COLLECTION, 's2'] },
    { args: ['private:del', COLLECTION, 's2'] },
    { args: ['private:purge', COLLECTION, 's1'] },
    { args: ['private:get', COLLECTION, 's1'] },
    { args: ['private:range', COLLECTION, '', ''] },
    { args: ['identity:whoAmI'] },
    { args: ['identity:attribute', 'role'] },
    { args: ['identity:attribute', 'level'] },
    { args: ['identity:attribute', 'empty'] },
    { args: ['identity:attribute', 'absent'] },
    { args: ['identity:assertAttribute', 'role', 'auditor'] },
    { args: ['identity:assertAttribute', 'role', 'admin'] },
    { args: ['identity:assertAttribute', 'level', '3'] },
    { args: ['identity:idBytesJson'] },
    { args: ['identity:idBytesType'] },
    { args: ['identity:noArgs'] },
    { args: ['identity:noArgs', 'extra'] },
    { args: ['identity:missing'] },
    { args: ['nosuch:contract'] },
    { args: ['org.hyperledger.fabric:GetMetadata'] },
    { args: [] },
];

export const privateScenario: Scenario = { name: 'private+identity', steps };
