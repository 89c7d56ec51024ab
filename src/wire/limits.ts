// SPDX-License-Identifier: Apache-2.0
//
// Limits of the peer's side of the wire, shared by the server, dev mode, settings and test kit.

/** 100 MiB: the largest message a Fabric peer sends or accepts on a chaincode stream. */
export const PEER_MESSAGE_LIMIT = 100 * 1024 * 1024;
