// SPDX-License-Identifier: Apache-2.0
//
// The `ledger` JavaScript contract: write results, values that are not bytes, history and
// timestamps as JSON, events, composite keys and validation parameters.

import {
    argumentRefusedWith400,
    eventRefusedAtTheCall,
    missingValueRefused,
    nonStringKeyRefused,
    stringEventAsUtf8,
    stringPolicyAsUtf8,
} from '../support/deliberate.ts';
import type { Scenario, Step } from '../support/scenario.ts';

const KINDS = ['bytes', 'uint8array', 'string', 'empty', 'object', 'number', 'array', 'boolean'] as const;

/** Values jspb cannot coerce: fabric-shim accepts them in setEvent, then cannot send COMPLETED and its stream breaks. */
const NOT_BYTES: readonly string[] = ['object', 'number', 'array', 'boolean'];

const steps: Step[] = [
    { args: ['ledger:put', 'a', 'one'] },
    { args: ['ledger:put', 'a', 'two'] },
    { args: ['ledger:putString', 'b', 'text value'] },
    { args: ['ledger:get', 'a'] },
    { args: ['ledger:getRaw', 'a'] },
    { args: ['ledger:getRaw', 'missing'] },
    { args: ['ledger:del', 'b'] },
    { args: ['ledger:writeResults', 'w'] },
    ...KINDS.map((kind): Step => ({ args: ['ledger:putKind', `k-${kind}`, kind] })),
    { args: ['ledger:putKind', 'k-undefined', 'undefined'], differs: missingValueRefused },
    { args: ['ledger:putKind', 'k-null', 'null'], differs: missingValueRefused },
    ...KINDS.map((kind): Step => ({ args: ['ledger:putKindCaught', `c-${kind}`, kind] })),
    ...KINDS.map((kind): Step => ({ args: ['ledger:get', `k-${kind}`] })),
    { args: ['ledger:history', 'a'] },
    { args: ['ledger:historyText', 'a'] },
    { args: ['ledger:historyText', 'b'] },
    { args: ['ledger:history', 'never-written'] },
    { args: ['ledger:txInfo'] },
    { args: ['ledger:timestampJson'] },
    { args: ['ledger:creator'] },
    { args: ['ledger:event', 'Created', '{"id":"a"}'] },
    ...KINDS.map((kind): Step => {
        const step = { args: ['ledger:eventKind', kind] };
        if (NOT_BYTES.includes(kind)) {
            return { ...step, fabricShimBreaksStream: eventRefusedAtTheCall };
        }
        return kind === 'string' ? { ...step, differs: stringEventAsUtf8 } : step;
    }),
    { args: ['ledger:composite', 'color~name', 'blue', 'm1'] },
    { args: ['ledger:composite', 'color~name', 'blue', 'm2'] },
    { args: ['ledger:composite', 'color~name', 'red', 'm3'] },
    { args: ['ledger:compositeCaught', 'color~name', ''] },
    { args: ['ledger:compositeCaught', '', 'x'] },
    { args: ['ledger:compositeCaught', 'nul', 'a\u0000b'] },
    { args: ['ledger:split', JSON.stringify('\u0000color~name\u0000blue\u0000m1\u0000')] },
    { args: ['ledger:split', JSON.stringify('\u0000color~name\u0000')] },
    { args: ['ledger:split', JSON.stringify('plain-key')] },
    { args: ['ledger:split', JSON.stringify('\u0000half')] },
    { args: ['ledger:split', JSON.stringify('')] },
    { args: ['ledger:byPartial', 'color~name', 'blue'] },
    { args: ['ledger:byPartial', 'color~name', ''] },
    { args: ['ledger:byPartial', 'shape~name', ''] },
    { args: ['ledger:setVp', 'a', 'bytes'] },
    { args: ['ledger:getVp', 'a'] },
    { args: ['ledger:getVp', 'b'] },
    { args: ['ledger:getVp', 'missing'] },
    { args: ['ledger:setVp', 'a', 'object'] },
    { args: ['ledger:setVp', 'v', 'string'], differs: stringPolicyAsUtf8 },
    { args: ['ledger:numberKey'], differs: nonStringKeyRefused },
    { args: ['ledger:get', ''] },
    { args: ['ledger:put', '', 'empty key'] },
    { args: ['ledger:peerRefusal', 'late'] },
    { args: ['ledger:put', 'only-one-arg'], differs: argumentRefusedWith400 },
    { args: ['ledger:nothing'] },
];

export const ledgerScenario: Scenario = {
    name: 'ledger',
    steps,
    seed: (ledger) => {
        ledger.set('seed', 'seeded');
    },
};
