// SPDX-License-Identifier: Apache-2.0
//
// Import first: fabric-contract-api's decorators log every class they see through winston at
// info level, read from CORE_CHAINCODE_LOGGING_LEVEL when the package loads.

process.env.CORE_CHAINCODE_LOGGING_LEVEL ??= 'CRITICAL';
