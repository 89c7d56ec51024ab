// SPDX-License-Identifier: Apache-2.0
//
// The `query` JavaScript contract: ranges, rich queries and pages, with the page sizes and
// bookmarks a contract without type metadata receives as strings.

import { iteratorObjectIterable, namespaceReadable } from '../support/deliberate.ts';
import type { Scenario, Step } from '../support/scenario.ts';

const SIZES = ['3', '0', '1', '', ' 2 ', '10', 'abc', '2.5', '-1'] as const;

const steps: Step[] = [
    { args: ['query:range', '', ''] },
    { args: ['query:range', 'k2', 'k5'] },
    { args: ['query:range', 'k7', ''] },
    { args: ['query:rangeRaw', 'k1', 'k3'] },
    { args: ['query:firstOnly', 'k3', ''] },
    { args: ['query:range', '\u0000bad', ''] },
    ...SIZES.map((size): Step => ({ args: ['query:page', '', '', size, ''] })),
    { args: ['query:page', '', '', '3', 'k4'] },
    { args: ['query:page', 'k2', 'k9', '2', ''] },
    { args: ['query:page', '', '', '0', 'k6'] },
    { args: ['query:pageNumber', '', '', '4', ''] },
    { args: ['query:pageNumber', '', '', '4', 'k3'] },
    { args: ['query:rich', '{"selector":{"color":"blue"}}'] },
    { args: ['query:rich', '{"selector":{"size":{"$gt":3}}}'] },
    ...SIZES.map((size): Step => ({ args: ['query:richPage', '{"selector":{"color":"blue"}}', size, ''] })),
    { args: ['query:partialPage', 'shape', '2', ''] },
    { args: ['query:partialPage', 'shape', '0', ''] },
    { args: ['query:forAwaitIterator', 'k1', 'k4'], differs: iteratorObjectIterable },
    { args: ['query:namespaces', 'k1', 'k3'], differs: namespaceReadable },
    { args: ['query:putThenPage', 'p1'] },
    { args: ['query:pageThenPut', 'p2'] },
    { args: ['query:range', 'p', 'q'] },
];

export const queryScenario: Scenario = {
    name: 'query',
    steps,
    seed: (ledger) => {
        for (let i = 1; i <= 9; i++) {
            const color = i % 2 === 0 ? 'blue' : 'red';
            ledger.set(`k${i}`, JSON.stringify({ id: `k${i}`, color, size: i }));
        }
        for (const shape of ['circle', 'square', 'star']) {
            ledger.set(`\u0000shape\u0000${shape}\u0000`, shape);
        }
    },
};
