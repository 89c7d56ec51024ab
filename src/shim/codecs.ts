// SPDX-License-Identifier: Apache-2.0
//
// One codec per payload nested in ChaincodeMessage.payload or in the proposal,
// typed by the generated interfaces.

import { codec } from '../protos.ts';
import type {
    ChaincodeAdditionalParams,
    ChaincodeAdditionalParams__Output,
} from '../generated/protos/ChaincodeAdditionalParams.ts';
import type {
    ChaincodeHeaderExtension,
    ChaincodeHeaderExtension__Output,
} from '../generated/protos/ChaincodeHeaderExtension.ts';
import type { ChaincodeID, ChaincodeID__Output } from '../generated/protos/ChaincodeID.ts';
import type { ChaincodeInput, ChaincodeInput__Output } from '../generated/protos/ChaincodeInput.ts';
import type {
    ChaincodeInvocationSpec,
    ChaincodeInvocationSpec__Output,
} from '../generated/protos/ChaincodeInvocationSpec.ts';
import type {
    ChaincodeProposalPayload,
    ChaincodeProposalPayload__Output,
} from '../generated/protos/ChaincodeProposalPayload.ts';
import type { ChaincodeSpec, ChaincodeSpec__Output } from '../generated/protos/ChaincodeSpec.ts';
import type { DelState, DelState__Output } from '../generated/protos/DelState.ts';
import type { GetState, GetState__Output } from '../generated/protos/GetState.ts';
import type { Proposal, Proposal__Output } from '../generated/protos/Proposal.ts';
import type { PutState, PutState__Output } from '../generated/protos/PutState.ts';
import type { Response, Response__Output } from '../generated/protos/Response.ts';
import type { SignedProposal, SignedProposal__Output } from '../generated/protos/SignedProposal.ts';
import type { ChannelHeader, ChannelHeader__Output } from '../generated/common/ChannelHeader.ts';
import type { Header, Header__Output } from '../generated/common/Header.ts';
import type { SignatureHeader, SignatureHeader__Output } from '../generated/common/SignatureHeader.ts';
import type { SerializedIdentity, SerializedIdentity__Output } from '../generated/msp/SerializedIdentity.ts';

export const chaincodeIdCodec = codec<ChaincodeID, ChaincodeID__Output>('protos.ChaincodeID');
export const chaincodeInputCodec = codec<ChaincodeInput, ChaincodeInput__Output>('protos.ChaincodeInput');
export const chaincodeSpecCodec = codec<ChaincodeSpec, ChaincodeSpec__Output>('protos.ChaincodeSpec');
export const invocationSpecCodec = codec<ChaincodeInvocationSpec, ChaincodeInvocationSpec__Output>(
    'protos.ChaincodeInvocationSpec',
);
export const additionalParamsCodec = codec<ChaincodeAdditionalParams, ChaincodeAdditionalParams__Output>(
    'protos.ChaincodeAdditionalParams',
);
export const responseCodec = codec<Response, Response__Output>('protos.Response');
export const getStateCodec = codec<GetState, GetState__Output>('protos.GetState');
export const putStateCodec = codec<PutState, PutState__Output>('protos.PutState');
export const delStateCodec = codec<DelState, DelState__Output>('protos.DelState');

export const signedProposalCodec = codec<SignedProposal, SignedProposal__Output>('protos.SignedProposal');
export const proposalCodec = codec<Proposal, Proposal__Output>('protos.Proposal');
export const proposalPayloadCodec = codec<ChaincodeProposalPayload, ChaincodeProposalPayload__Output>(
    'protos.ChaincodeProposalPayload',
);
export const headerExtensionCodec = codec<ChaincodeHeaderExtension, ChaincodeHeaderExtension__Output>(
    'protos.ChaincodeHeaderExtension',
);
export const headerCodec = codec<Header, Header__Output>('common.Header');
export const channelHeaderCodec = codec<ChannelHeader, ChannelHeader__Output>('common.ChannelHeader');
export const signatureHeaderCodec = codec<SignatureHeader, SignatureHeader__Output>('common.SignatureHeader');
export const serializedIdentityCodec = codec<SerializedIdentity, SerializedIdentity__Output>('msp.SerializedIdentity');
