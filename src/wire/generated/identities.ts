import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type {
    SerializedIdentity as _msp_SerializedIdentity,
    SerializedIdentity__Output as _msp_SerializedIdentity__Output,
} from './msp/SerializedIdentity.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
    new (...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
    msp: {
        SerializedIdentity: MessageTypeDefinition<_msp_SerializedIdentity, _msp_SerializedIdentity__Output>;
    };
}
