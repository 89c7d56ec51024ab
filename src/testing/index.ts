// SPDX-License-Identifier: Apache-2.0
//
// The test kit: a fake peer and an in-memory ledger for testing chaincode over the real
// wire protocol, without a Fabric network.

export { FakePeer } from './fake-peer.ts';
export type { DialTls, FakePeerOptions, InvokeOptions, ReadyPayload, TransactionResult } from './fake-peer.ts';
export { InMemoryLedger } from './ledger.ts';
export { buildSignedProposal } from './proposal-builder.ts';
export type { CreatorIdentity, ProposalInput } from './proposal-builder.ts';
export { createCertificateAuthority, createTlsFixture } from './certs.ts';
