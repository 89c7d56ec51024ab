import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type { Response as _protos_Response, Response__Output as _protos_Response__Output } from './protos/Response.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
    new (...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
    protos: {
        Response: MessageTypeDefinition<_protos_Response, _protos_Response__Output>;
    };
}
