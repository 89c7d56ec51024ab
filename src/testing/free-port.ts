// SPDX-License-Identifier: Apache-2.0
//
// A free TCP port on loopback, for programs that cannot bind port 0 and report the port they got
// (fabric-shim's server, Prometheus, the Fabric peer and orderer).

import { createServer } from 'node:net';

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const probe = createServer();
        probe.once('error', reject);
        probe.listen(0, '127.0.0.1', () => {
            const address = probe.address();
            probe.close(() => {
                if (address === null || typeof address === 'string') {
                    reject(new Error('the OS gave no TCP port'));
                } else {
                    resolve(address.port);
                }
            });
        });
    });
}
