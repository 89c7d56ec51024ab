// Original file: protos/peer/chaincode_shim.proto

import type * as grpc from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';
import type {
    ChaincodeMessage as _protos_ChaincodeMessage,
    ChaincodeMessage__Output as _protos_ChaincodeMessage__Output,
} from '../protos/ChaincodeMessage.ts';

export interface ChaincodeClient extends grpc.Client {
    Connect(
        metadata: grpc.Metadata,
        options?: grpc.CallOptions,
    ): grpc.ClientDuplexStream<_protos_ChaincodeMessage, _protos_ChaincodeMessage__Output>;
    Connect(
        options?: grpc.CallOptions,
    ): grpc.ClientDuplexStream<_protos_ChaincodeMessage, _protos_ChaincodeMessage__Output>;
    connect(
        metadata: grpc.Metadata,
        options?: grpc.CallOptions,
    ): grpc.ClientDuplexStream<_protos_ChaincodeMessage, _protos_ChaincodeMessage__Output>;
    connect(
        options?: grpc.CallOptions,
    ): grpc.ClientDuplexStream<_protos_ChaincodeMessage, _protos_ChaincodeMessage__Output>;
}

export interface ChaincodeHandlers extends grpc.UntypedServiceImplementation {
    Connect: grpc.handleBidiStreamingCall<_protos_ChaincodeMessage__Output, _protos_ChaincodeMessage>;
}

export interface ChaincodeDefinition extends grpc.ServiceDefinition {
    Connect: MethodDefinition<
        _protos_ChaincodeMessage,
        _protos_ChaincodeMessage,
        _protos_ChaincodeMessage__Output,
        _protos_ChaincodeMessage__Output
    >;
}
