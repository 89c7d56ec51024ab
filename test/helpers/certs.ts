// SPDX-License-Identifier: Apache-2.0
//
// Test certificates come from the test kit, which users' own tests share.

export * from '../../src/testing/certs.ts';
