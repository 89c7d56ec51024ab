// Original file: protos/peer/chaincode_shim.proto

import type * as grpc from '@grpc/grpc-js';
import type { MethodDefinition } from '@grpc/proto-loader';
import type {
    ChaincodeMessage as _protos_ChaincodeMessage,
    ChaincodeMessage__Output as _protos_ChaincodeMessage__Output,
} from '../protos/ChaincodeMessage.ts';

export interface ChaincodeSupportClient extends grpc.Client {
    Register(
        metadata: grpc.Metadata,
        options?: grpc.CallOptions,
    ): grpc.ClientDuplexStream<_protos_ChaincodeMessage, _protos_ChaincodeMessage__Output>;
    Register(
        options?: grpc.CallOptions,
    ): grpc.ClientDuplexStream<_protos_ChaincodeMessage, _protos_ChaincodeMessage__Output>;
    register(
        metadata: grpc.Metadata,
        options?: grpc.CallOptions,
    ): grpc.ClientDuplexStream<_protos_ChaincodeMessage, _protos_ChaincodeMessage__Output>;
    register(
        options?: grpc.CallOptions,
    ): grpc.ClientDuplexStream<_protos_ChaincodeMessage, _protos_ChaincodeMessage__Output>;
}

export interface ChaincodeSupportHandlers extends grpc.UntypedServiceImplementation {
    Register: grpc.handleBidiStreamingCall<_protos_ChaincodeMessage__Output, _protos_ChaincodeMessage>;
}

export interface ChaincodeSupportDefinition extends grpc.ServiceDefinition {
    Register: MethodDefinition<
        _protos_ChaincodeMessage,
        _protos_ChaincodeMessage,
        _protos_ChaincodeMessage__Output,
        _protos_ChaincodeMessage__Output
    >;
}
