// SPDX-License-Identifier: Apache-2.0
//
// The benchmark workload as a fabric-contract-api contract, for the `contract` target: the
// transaction `bench` is what the driver's args (`bench`, K) call as a bare function name.

import { Context, Contract, Info, Transaction } from '../src/contracts/index.ts';
import { runWorkload } from './workload.ts';

@Info({ title: 'bench', version: '1.0.0' })
export class BenchContract extends Contract {
    constructor() {
        super('bench');
    }

    /** K reads, K writes; returns the last value read as text (it is JSON), so the payload is those bytes. */
    @Transaction()
    public async bench(ctx: Context, k: string): Promise<string> {
        const value = await runWorkload(ctx.stub, k);
        return Buffer.from(value).toString('utf8');
    }
}
