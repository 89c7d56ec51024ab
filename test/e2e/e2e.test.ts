// SPDX-License-Identifier: Apache-2.0
//
// Placeholder in `npm test` for the E2E suite against real Fabric peers, which runs on its own.

import { test } from 'node:test';

const reason =
    process.env.FABRIC_HOME === undefined || process.env.FABRIC_HOME === ''
        ? 'E2E suite skipped: set FABRIC_HOME to a Fabric release (bin/, config/) and run npm run test:e2e'
        : 'E2E suite runs separately: npm run test:e2e';

test('E2E suite against real Fabric peers', { skip: reason }, () => undefined);
