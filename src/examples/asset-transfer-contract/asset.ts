// SPDX-License-Identifier: Apache-2.0
//
// The asset type of the contract example, with the fields of fabric-samples' asset-transfer-basic.

import { Object, Property } from '../../contracts/index.ts';

/**
 * One asset. `@Property` names its field and type explicitly because tsx (esbuild) does not
 * emit the `design:type` metadata that a bare `@Property()` reads.
 */
@Object()
export class Asset {
    @Property('ID', 'string')
    public ID = '';

    @Property('Color', 'string')
    public Color = '';

    @Property('Size', 'number')
    public Size = 0;

    @Property('Owner', 'string')
    public Owner = '';

    @Property('AppraisedValue', 'number')
    public AppraisedValue = 0;
}
