import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type {
    Timestamp as _google_protobuf_Timestamp,
    Timestamp__Output as _google_protobuf_Timestamp__Output,
} from './google/protobuf/Timestamp.ts';
import type {
    ChaincodeClient as _protos_ChaincodeClient,
    ChaincodeDefinition as _protos_ChaincodeDefinition,
} from './protos/Chaincode.ts';
import type {
    ChaincodeAdditionalParams as _protos_ChaincodeAdditionalParams,
    ChaincodeAdditionalParams__Output as _protos_ChaincodeAdditionalParams__Output,
} from './protos/ChaincodeAdditionalParams.ts';
import type {
    ChaincodeEvent as _protos_ChaincodeEvent,
    ChaincodeEvent__Output as _protos_ChaincodeEvent__Output,
} from './protos/ChaincodeEvent.ts';
import type {
    ChaincodeHeaderExtension as _protos_ChaincodeHeaderExtension,
    ChaincodeHeaderExtension__Output as _protos_ChaincodeHeaderExtension__Output,
} from './protos/ChaincodeHeaderExtension.ts';
import type {
    ChaincodeID as _protos_ChaincodeID,
    ChaincodeID__Output as _protos_ChaincodeID__Output,
} from './protos/ChaincodeID.ts';
import type {
    ChaincodeInput as _protos_ChaincodeInput,
    ChaincodeInput__Output as _protos_ChaincodeInput__Output,
} from './protos/ChaincodeInput.ts';
import type {
    ChaincodeInvocationSpec as _protos_ChaincodeInvocationSpec,
    ChaincodeInvocationSpec__Output as _protos_ChaincodeInvocationSpec__Output,
} from './protos/ChaincodeInvocationSpec.ts';
import type {
    ChaincodeMessage as _protos_ChaincodeMessage,
    ChaincodeMessage__Output as _protos_ChaincodeMessage__Output,
} from './protos/ChaincodeMessage.ts';
import type {
    ChaincodeProposalPayload as _protos_ChaincodeProposalPayload,
    ChaincodeProposalPayload__Output as _protos_ChaincodeProposalPayload__Output,
} from './protos/ChaincodeProposalPayload.ts';
import type {
    ChaincodeSpec as _protos_ChaincodeSpec,
    ChaincodeSpec__Output as _protos_ChaincodeSpec__Output,
} from './protos/ChaincodeSpec.ts';
import type {
    ChaincodeSupportClient as _protos_ChaincodeSupportClient,
    ChaincodeSupportDefinition as _protos_ChaincodeSupportDefinition,
} from './protos/ChaincodeSupport.ts';
import type { DelState as _protos_DelState, DelState__Output as _protos_DelState__Output } from './protos/DelState.ts';
import type {
    GetHistoryForKey as _protos_GetHistoryForKey,
    GetHistoryForKey__Output as _protos_GetHistoryForKey__Output,
} from './protos/GetHistoryForKey.ts';
import type {
    GetQueryResult as _protos_GetQueryResult,
    GetQueryResult__Output as _protos_GetQueryResult__Output,
} from './protos/GetQueryResult.ts';
import type { GetState as _protos_GetState, GetState__Output as _protos_GetState__Output } from './protos/GetState.ts';
import type {
    GetStateByRange as _protos_GetStateByRange,
    GetStateByRange__Output as _protos_GetStateByRange__Output,
} from './protos/GetStateByRange.ts';
import type {
    GetStateMetadata as _protos_GetStateMetadata,
    GetStateMetadata__Output as _protos_GetStateMetadata__Output,
} from './protos/GetStateMetadata.ts';
import type {
    GetStateMultiple as _protos_GetStateMultiple,
    GetStateMultiple__Output as _protos_GetStateMultiple__Output,
} from './protos/GetStateMultiple.ts';
import type {
    GetStateMultipleResult as _protos_GetStateMultipleResult,
    GetStateMultipleResult__Output as _protos_GetStateMultipleResult__Output,
} from './protos/GetStateMultipleResult.ts';
import type { Proposal as _protos_Proposal, Proposal__Output as _protos_Proposal__Output } from './protos/Proposal.ts';
import type {
    PurgePrivateState as _protos_PurgePrivateState,
    PurgePrivateState__Output as _protos_PurgePrivateState__Output,
} from './protos/PurgePrivateState.ts';
import type { PutState as _protos_PutState, PutState__Output as _protos_PutState__Output } from './protos/PutState.ts';
import type {
    PutStateMetadata as _protos_PutStateMetadata,
    PutStateMetadata__Output as _protos_PutStateMetadata__Output,
} from './protos/PutStateMetadata.ts';
import type {
    QueryMetadata as _protos_QueryMetadata,
    QueryMetadata__Output as _protos_QueryMetadata__Output,
} from './protos/QueryMetadata.ts';
import type {
    QueryResponse as _protos_QueryResponse,
    QueryResponse__Output as _protos_QueryResponse__Output,
} from './protos/QueryResponse.ts';
import type {
    QueryResponseMetadata as _protos_QueryResponseMetadata,
    QueryResponseMetadata__Output as _protos_QueryResponseMetadata__Output,
} from './protos/QueryResponseMetadata.ts';
import type {
    QueryResultBytes as _protos_QueryResultBytes,
    QueryResultBytes__Output as _protos_QueryResultBytes__Output,
} from './protos/QueryResultBytes.ts';
import type {
    QueryStateClose as _protos_QueryStateClose,
    QueryStateClose__Output as _protos_QueryStateClose__Output,
} from './protos/QueryStateClose.ts';
import type {
    QueryStateNext as _protos_QueryStateNext,
    QueryStateNext__Output as _protos_QueryStateNext__Output,
} from './protos/QueryStateNext.ts';
import type {
    SignedProposal as _protos_SignedProposal,
    SignedProposal__Output as _protos_SignedProposal__Output,
} from './protos/SignedProposal.ts';
import type {
    StateMetadata as _protos_StateMetadata,
    StateMetadata__Output as _protos_StateMetadata__Output,
} from './protos/StateMetadata.ts';
import type {
    StateMetadataResult as _protos_StateMetadataResult,
    StateMetadataResult__Output as _protos_StateMetadataResult__Output,
} from './protos/StateMetadataResult.ts';
import type {
    WriteBatchState as _protos_WriteBatchState,
    WriteBatchState__Output as _protos_WriteBatchState__Output,
} from './protos/WriteBatchState.ts';
import type {
    WriteRecord as _protos_WriteRecord,
    WriteRecord__Output as _protos_WriteRecord__Output,
} from './protos/WriteRecord.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
    new (...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
    google: {
        protobuf: {
            Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>;
        };
    };
    protos: {
        Chaincode: SubtypeConstructor<typeof grpc.Client, _protos_ChaincodeClient> & {
            service: _protos_ChaincodeDefinition;
        };
        ChaincodeAdditionalParams: MessageTypeDefinition<
            _protos_ChaincodeAdditionalParams,
            _protos_ChaincodeAdditionalParams__Output
        >;
        ChaincodeEvent: MessageTypeDefinition<_protos_ChaincodeEvent, _protos_ChaincodeEvent__Output>;
        ChaincodeHeaderExtension: MessageTypeDefinition<
            _protos_ChaincodeHeaderExtension,
            _protos_ChaincodeHeaderExtension__Output
        >;
        ChaincodeID: MessageTypeDefinition<_protos_ChaincodeID, _protos_ChaincodeID__Output>;
        ChaincodeInput: MessageTypeDefinition<_protos_ChaincodeInput, _protos_ChaincodeInput__Output>;
        ChaincodeInvocationSpec: MessageTypeDefinition<
            _protos_ChaincodeInvocationSpec,
            _protos_ChaincodeInvocationSpec__Output
        >;
        ChaincodeMessage: MessageTypeDefinition<_protos_ChaincodeMessage, _protos_ChaincodeMessage__Output>;
        ChaincodeProposalPayload: MessageTypeDefinition<
            _protos_ChaincodeProposalPayload,
            _protos_ChaincodeProposalPayload__Output
        >;
        ChaincodeSpec: MessageTypeDefinition<_protos_ChaincodeSpec, _protos_ChaincodeSpec__Output>;
        ChaincodeSupport: SubtypeConstructor<typeof grpc.Client, _protos_ChaincodeSupportClient> & {
            service: _protos_ChaincodeSupportDefinition;
        };
        DelState: MessageTypeDefinition<_protos_DelState, _protos_DelState__Output>;
        GetHistoryForKey: MessageTypeDefinition<_protos_GetHistoryForKey, _protos_GetHistoryForKey__Output>;
        GetQueryResult: MessageTypeDefinition<_protos_GetQueryResult, _protos_GetQueryResult__Output>;
        GetState: MessageTypeDefinition<_protos_GetState, _protos_GetState__Output>;
        GetStateByRange: MessageTypeDefinition<_protos_GetStateByRange, _protos_GetStateByRange__Output>;
        GetStateMetadata: MessageTypeDefinition<_protos_GetStateMetadata, _protos_GetStateMetadata__Output>;
        GetStateMultiple: MessageTypeDefinition<_protos_GetStateMultiple, _protos_GetStateMultiple__Output>;
        GetStateMultipleResult: MessageTypeDefinition<
            _protos_GetStateMultipleResult,
            _protos_GetStateMultipleResult__Output
        >;
        Proposal: MessageTypeDefinition<_protos_Proposal, _protos_Proposal__Output>;
        PurgePrivateState: MessageTypeDefinition<_protos_PurgePrivateState, _protos_PurgePrivateState__Output>;
        PutState: MessageTypeDefinition<_protos_PutState, _protos_PutState__Output>;
        PutStateMetadata: MessageTypeDefinition<_protos_PutStateMetadata, _protos_PutStateMetadata__Output>;
        QueryMetadata: MessageTypeDefinition<_protos_QueryMetadata, _protos_QueryMetadata__Output>;
        QueryResponse: MessageTypeDefinition<_protos_QueryResponse, _protos_QueryResponse__Output>;
        QueryResponseMetadata: MessageTypeDefinition<
            _protos_QueryResponseMetadata,
            _protos_QueryResponseMetadata__Output
        >;
        QueryResultBytes: MessageTypeDefinition<_protos_QueryResultBytes, _protos_QueryResultBytes__Output>;
        QueryStateClose: MessageTypeDefinition<_protos_QueryStateClose, _protos_QueryStateClose__Output>;
        QueryStateNext: MessageTypeDefinition<_protos_QueryStateNext, _protos_QueryStateNext__Output>;
        SignedProposal: MessageTypeDefinition<_protos_SignedProposal, _protos_SignedProposal__Output>;
        StateMetadata: MessageTypeDefinition<_protos_StateMetadata, _protos_StateMetadata__Output>;
        StateMetadataResult: MessageTypeDefinition<_protos_StateMetadataResult, _protos_StateMetadataResult__Output>;
        WriteBatchState: MessageTypeDefinition<_protos_WriteBatchState, _protos_WriteBatchState__Output>;
        WriteRecord: MessageTypeDefinition<_protos_WriteRecord, _protos_WriteRecord__Output>;
    };
}
