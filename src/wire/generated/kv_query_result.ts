import type * as grpc from '@grpc/grpc-js';
import type { MessageTypeDefinition } from '@grpc/proto-loader';

import type {
    Timestamp as _google_protobuf_Timestamp,
    Timestamp__Output as _google_protobuf_Timestamp__Output,
} from './google/protobuf/Timestamp.ts';
import type { KV as _queryresult_KV, KV__Output as _queryresult_KV__Output } from './queryresult/KV.ts';
import type {
    KeyModification as _queryresult_KeyModification,
    KeyModification__Output as _queryresult_KeyModification__Output,
} from './queryresult/KeyModification.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
    new (...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
    google: {
        protobuf: {
            Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>;
        };
    };
    queryresult: {
        KV: MessageTypeDefinition<_queryresult_KV, _queryresult_KV__Output>;
        KeyModification: MessageTypeDefinition<_queryresult_KeyModification, _queryresult_KeyModification__Output>;
    };
}
