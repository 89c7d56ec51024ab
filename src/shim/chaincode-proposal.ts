// SPDX-License-Identifier: Apache-2.0
//
// fabric-shim's `ChaincodeProposal` type names for the decoded signed proposal, exported as the
// type-only namespace `ChaincodeProposal` (`ChaincodeProposal.SignedProposal`, ...).

import type { SignedProposal as DecodedSignedProposal } from './types.ts';

export type SignedProposal = DecodedSignedProposal;
export type Proposal = SignedProposal['proposal'];
export type Header = Proposal['header'];
export type ChannelHeader = Header['channelHeader'];
export type SignatureHeader = Header['signatureHeader'];
export type ChaincodeProposalPayload = Proposal['payload'];
/** common.HeaderType as a number (3, ENDORSER_TRANSACTION, on every proposal). */
export type HeaderType = number;
