// SPDX-License-Identifier: Apache-2.0
//
// The chaincode this server runs. The chaincode loader (src/process/chaincode-loader.ts) calls
// createChaincode(); a fork replaces the functions and keeps this export.

import { Router, type RoutedChaincode } from '../shim/router.ts';
import { assetTransferFunctions } from '../examples/asset-transfer/asset-transfer.ts';

/** A fresh instance of the chaincode, with the names of its functions for metrics. */
export function createChaincode(): RoutedChaincode {
    return new Router(assetTransferFunctions);
}
