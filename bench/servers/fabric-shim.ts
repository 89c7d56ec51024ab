// SPDX-License-Identifier: Apache-2.0
//
// Target (b): fabric-shim 2.5.8's own chaincode server running the same workload. The driver
// sets CORE_CHAINCODE_LOGGING_LEVEL=ERROR so its winston logger stays quiet.

import { Shim, type ChaincodeInterface } from 'fabric-shim';
import { BENCH_CHAINCODE_ID, runWorkload } from '../workload.ts';
import { serveDriver } from './child.ts';
import { freePort } from '../../src/testing/free-port.ts';
import { PEER_MESSAGE_LIMIT } from '../../src/wire/limits.ts';

const chaincode: ChaincodeInterface = {
    Init: () => Promise.resolve(Shim.success()),
    Invoke: async (stub) => Shim.success(await runWorkload(stub)),
};

const port = await freePort();
const server = Shim.server(chaincode, {
    ccid: BENCH_CHAINCODE_ID,
    address: `127.0.0.1:${port}`,
    // The same 100 MiB limits as our server; fabric-shim passes every 'grpc.*' key to grpc-js.
    'grpc.max_receive_message_length': PEER_MESSAGE_LIMIT,
    'grpc.max_send_message_length': PEER_MESSAGE_LIMIT,
    // Its type makes tlsProps mandatory; at run time a missing tlsProps means plaintext.
    tlsProps: undefined as never,
});
await server.start();
serveDriver(port, () => undefined);
