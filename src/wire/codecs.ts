// SPDX-License-Identifier: Apache-2.0
//
// One codec per payload nested in ChaincodeMessage.payload or in the proposal,
// typed by the generated interfaces. The proposal itself is decoded in proposal.ts.

import { codec, instanceCodec } from './protos.ts';
import type {
    ChaincodeAdditionalParams,
    ChaincodeAdditionalParams__Output,
} from './generated/protos/ChaincodeAdditionalParams.ts';
import type {
    ChaincodeHeaderExtension,
    ChaincodeHeaderExtension__Output,
} from './generated/protos/ChaincodeHeaderExtension.ts';
import type { ChaincodeID, ChaincodeID__Output } from './generated/protos/ChaincodeID.ts';
import type { ChaincodeInput, ChaincodeInput__Output } from './generated/protos/ChaincodeInput.ts';
import type {
    ChaincodeInvocationSpec,
    ChaincodeInvocationSpec__Output,
} from './generated/protos/ChaincodeInvocationSpec.ts';
import type {
    ChaincodeProposalPayload,
    ChaincodeProposalPayload__Output,
} from './generated/protos/ChaincodeProposalPayload.ts';
import type { ChaincodeSpec, ChaincodeSpec__Output } from './generated/protos/ChaincodeSpec.ts';
import type { DelState, DelState__Output } from './generated/protos/DelState.ts';
import type { GetHistoryForKey, GetHistoryForKey__Output } from './generated/protos/GetHistoryForKey.ts';
import type { GetQueryResult, GetQueryResult__Output } from './generated/protos/GetQueryResult.ts';
import type { GetState, GetState__Output } from './generated/protos/GetState.ts';
import type { GetStateByRange, GetStateByRange__Output } from './generated/protos/GetStateByRange.ts';
import type { GetStateMetadata, GetStateMetadata__Output } from './generated/protos/GetStateMetadata.ts';
import type { GetStateMultiple, GetStateMultiple__Output } from './generated/protos/GetStateMultiple.ts';
import type {
    GetStateMultipleResult,
    GetStateMultipleResult__Output,
} from './generated/protos/GetStateMultipleResult.ts';
import type { Proposal, Proposal__Output } from './generated/protos/Proposal.ts';
import type { PutState, PutState__Output } from './generated/protos/PutState.ts';
import type { PutStateMetadata, PutStateMetadata__Output } from './generated/protos/PutStateMetadata.ts';
import type { QueryMetadata, QueryMetadata__Output } from './generated/protos/QueryMetadata.ts';
import type { QueryResponse, QueryResponse__Output } from './generated/protos/QueryResponse.ts';
import type { QueryResponseMetadata, QueryResponseMetadata__Output } from './generated/protos/QueryResponseMetadata.ts';
import type { QueryStateClose, QueryStateClose__Output } from './generated/protos/QueryStateClose.ts';
import type { QueryStateNext, QueryStateNext__Output } from './generated/protos/QueryStateNext.ts';
import type { StateMetadataResult, StateMetadataResult__Output } from './generated/protos/StateMetadataResult.ts';
import type { WriteBatchState, WriteBatchState__Output } from './generated/protos/WriteBatchState.ts';
import type { KV, KV__Output } from './generated/queryresult/KV.ts';
import type { KeyModification, KeyModification__Output } from './generated/queryresult/KeyModification.ts';
import type { Response, Response__Output } from './generated/protos/Response.ts';
import type { ChannelHeader, ChannelHeader__Output } from './generated/common/ChannelHeader.ts';
import type { Header, Header__Output } from './generated/common/Header.ts';
import type { SignatureHeader, SignatureHeader__Output } from './generated/common/SignatureHeader.ts';
import type { SerializedIdentity, SerializedIdentity__Output } from './generated/msp/SerializedIdentity.ts';

export const chaincodeIdCodec = codec<ChaincodeID, ChaincodeID__Output>('protos.ChaincodeID');
/** Decoded once per transaction: the instance is the Output, no toObject (see instanceCodec). */
export const chaincodeInputCodec = instanceCodec<ChaincodeInput, ChaincodeInput__Output>('protos.ChaincodeInput');
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
export const getStateMetadataCodec = codec<GetStateMetadata, GetStateMetadata__Output>('protos.GetStateMetadata');
export const putStateMetadataCodec = codec<PutStateMetadata, PutStateMetadata__Output>('protos.PutStateMetadata');
export const stateMetadataResultCodec = codec<StateMetadataResult, StateMetadataResult__Output>(
    'protos.StateMetadataResult',
);
export const getStateMultipleCodec = codec<GetStateMultiple, GetStateMultiple__Output>('protos.GetStateMultiple');
export const getStateMultipleResultCodec = codec<GetStateMultipleResult, GetStateMultipleResult__Output>(
    'protos.GetStateMultipleResult',
);
export const writeBatchStateCodec = codec<WriteBatchState, WriteBatchState__Output>('protos.WriteBatchState');

export const getStateByRangeCodec = codec<GetStateByRange, GetStateByRange__Output>('protos.GetStateByRange');
export const getQueryResultCodec = codec<GetQueryResult, GetQueryResult__Output>('protos.GetQueryResult');
export const getHistoryForKeyCodec = codec<GetHistoryForKey, GetHistoryForKey__Output>('protos.GetHistoryForKey');
export const queryMetadataCodec = codec<QueryMetadata, QueryMetadata__Output>('protos.QueryMetadata');
export const queryResponseCodec = codec<QueryResponse, QueryResponse__Output>('protos.QueryResponse');
export const queryResponseMetadataCodec = codec<QueryResponseMetadata, QueryResponseMetadata__Output>(
    'protos.QueryResponseMetadata',
);
export const queryStateNextCodec = codec<QueryStateNext, QueryStateNext__Output>('protos.QueryStateNext');
export const queryStateCloseCodec = codec<QueryStateClose, QueryStateClose__Output>('protos.QueryStateClose');
export const kvCodec = codec<KV, KV__Output>('queryresult.KV');
export const keyModificationCodec = codec<KeyModification, KeyModification__Output>('queryresult.KeyModification');

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
