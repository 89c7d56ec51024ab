// SPDX-License-Identifier: Apache-2.0
//
// Serves a low-level parity chaincode fixture on fabric-shim 2.5.8's own server, as a
// chaincode-as-a-service process would: node fabric-shim-chaincode.cjs ADDRESS CCID FIXTURE_DIR.

'use strict';

const path = require('node:path');
const shim = require('fabric-shim');

const [address, ccid, fixture] = process.argv.slice(2);
const { createChaincode } = require(path.resolve(fixture));
shim.server(createChaincode(shim), { ccid, address })
    .start()
    .catch((err) => {
        process.stderr.write(`fabric-shim server failed: ${err}\n`);
        process.exit(1);
    });
