// SPDX-License-Identifier: Apache-2.0
//
// Target (d): the same ChaincodeServer as ours, serving the workload through the contract
// runtime (src/contracts/) instead of a plain Chaincode: what routing, the transaction
// context, argument conversion and result serialisation cost per transaction.

import pino from 'pino';
import { createContractChaincode } from '../../src/contracts/index.ts';
import { ChaincodeServer } from '../../src/shim/chaincode-server.ts';
import { BenchContract } from '../bench-contract.ts';
import { BENCH_CHAINCODE_ID } from '../workload.ts';
import { serveDriver } from './child.ts';

const server = new ChaincodeServer({
    chaincodeId: BENCH_CHAINCODE_ID,
    chaincode: createContractChaincode([BenchContract], { title: 'bench', version: '1.0.0' }),
    address: '127.0.0.1:0',
    logger: pino({ level: 'silent' }),
});
const port = await server.start();
serveDriver(port, () => {
    server.forceClose();
});
