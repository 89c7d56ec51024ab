// SPDX-License-Identifier: Apache-2.0
//
// The test kit: a fake peer and an in-memory ledger for testing chaincode over the real
// wire protocol, without a Fabric network.

export { startChaincode } from './harness.ts';
export type { ChaincodeHarness } from './harness.ts';
export { serveChaincode, TEST_PACKAGE_ID } from './serve-chaincode.ts';
export type { ChaincodeEndpoint, ServeMode, ServeOptions, ServedChaincode } from './serve-chaincode.ts';
export { within, FAIL_FAST_MS } from './within.ts';
export { freePort } from './free-port.ts';
export { FakePeer } from './fake-peer.ts';
export { FakePeerListener } from './fake-peer-listener.ts';
export type { ListenerTls } from './fake-peer-listener.ts';
export type { TransactionResult } from './peer-transactions.ts';
export type {
    DialTls,
    FakePeerOptions,
    InvokeChaincodeHandler,
    InvokeChaincodeResult,
    InvokeOptions,
    ReadyPayload,
} from './fake-peer-options.ts';
export { InMemoryLedger } from './ledger.ts';
export type { CommitInfo, HistoryEntry, LedgerWrite, MetadataWrite, ValueWrite } from './ledger.ts';
export { QUERY_BATCH_SIZE } from './ledger-queries.ts';
export { buildSignedProposal } from './proposal-builder.ts';
export type { CreatorIdentity, ProposalInput } from './proposal-builder.ts';
export { createCertificateAuthority, createTestCreator, createTlsFixture, FABRIC_ATTRIBUTES_OID } from './certs.ts';
export type { CertificateAuthority, IssueOptions, KeyAndCert, TlsFixture } from './certs.ts';
