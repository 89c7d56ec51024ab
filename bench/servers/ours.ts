// SPDX-License-Identifier: Apache-2.0
//
// Target (a): this template's ChaincodeServer serving the benchmark workload, with a silent
// logger and no metrics observers.

import pino from 'pino';
import { ChaincodeServer } from '../../src/shim/chaincode-server.ts';
import { success } from '../../src/shim/response.ts';
import type { Chaincode } from '../../src/shim/types.ts';
import { BENCH_CHAINCODE_ID, runWorkload } from '../workload.ts';
import { serveDriver } from './child.ts';

const chaincode: Chaincode = {
    Init: () => success(),
    Invoke: async (stub) => success(await runWorkload(stub)),
};

const server = new ChaincodeServer({
    chaincodeId: BENCH_CHAINCODE_ID,
    chaincode,
    address: '127.0.0.1:0',
    logger: pino({ level: 'silent' }),
});
const port = await server.start();
serveDriver(port, () => {
    server.forceClose();
});
