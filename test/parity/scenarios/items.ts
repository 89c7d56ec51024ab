// SPDX-License-Identifier: Apache-2.0
//
// The decorated TypeScript `items` contract (compiled with tsc, decorator metadata on):
// typed parameters from text, object and array parameters, declared returns.

import { argumentRefusedWith400 } from '../support/deliberate.ts';
import type { Scenario, Step } from '../support/scenario.ts';

const NUMBERS = ['5', '', ' 7 ', '0x10', '1e3', '-2.5', 'Infinity', '-0'] as const;
const NOT_NUMBERS = ['abc', 'true', '[]', '1,5'] as const;
const BOOLEANS = ['true', 'false', 'TRUE', ' false '] as const;
const NOT_BOOLEANS = ['yes', '', '1'] as const;
const refused = argumentRefusedWith400;

const steps: Step[] = [
    { args: ['Create', 'i1', '3', 'true'] },
    { args: ['items:Create', 'i2', '4', 'false'] },
    { args: ['Create', 'i3', 'big', 'true'], differs: refused },
    { args: ['Create', 'i4', '3'], differs: refused },
    { args: ['Read', 'i1'] },
    { args: ['Read', 'missing'] },
    ...NUMBERS.map((n): Step => ({ args: ['Echo', n, 'true'] })),
    ...NOT_NUMBERS.map((n): Step => ({ args: ['Echo', n, 'true'], differs: refused })),
    ...BOOLEANS.map((b): Step => ({ args: ['Echo', '1', b] })),
    ...NOT_BOOLEANS.map((b): Step => ({ args: ['Echo', '1', b], differs: refused })),
    { args: ['Store', '{"ID":"i5","Size":9,"Fragile":true,"Tags":["x"]}'] },
    { args: ['Store', '{"ID":"i6","Size":"9"}'], differs: refused },
    { args: ['Store', '{"ID":"i7","Extra":1}'] },
    { args: ['Store', 'not json'], differs: refused },
    { args: ['Store', '[]'], differs: refused },
    { args: ['Read', 'i5'] },
    { args: ['Tag', 'i1', '["red","blue"]'] },
    { args: ['Tag', 'i1', '[]'] },
    { args: ['Tag', 'i1', '"red"'], differs: refused },
    { args: ['Tag', 'i1', '[1,2]'] },
    { args: ['Count', '21'] },
    { args: ['Count', ''] },
    { args: ['WrongReturn', '3'] },
    { args: ['NumberAsText', 'five'] },
    { args: ['Nothing'] },
    { args: ['Many', '[{"ID":"a"},{"ID":"b"}]'] },
    { args: ['Many', '[]'] },
    { args: ['Many', '{}'] },
    { args: ['Unknown'] },
    { args: ['org.hyperledger.fabric:GetMetadata'] },
];

export const itemsScenario: Scenario = { name: 'items', steps };
