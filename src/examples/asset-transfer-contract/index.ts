// SPDX-License-Identifier: Apache-2.0
//
// The contract example's entry point: `contracts` lists its Contract classes, the convention
// fabric-chaincode-node uses and the `chaincode.module` setting loads.

import type { ContractClass } from '../../contracts/index.ts';
import { AssetTransferContract } from './asset-transfer-contract.ts';

export { Asset } from './asset.ts';
export { AssetTransferContract, TRANSFER_EVENT } from './asset-transfer-contract.ts';

/** The contracts this module serves; the first is the default (no `@Default()` here). */
export const contracts: readonly ContractClass[] = [AssetTransferContract];
