import type * as grpc from '@grpc/grpc-js';
import type { EnumTypeDefinition, MessageTypeDefinition } from '@grpc/proto-loader';

import type {
    ChannelHeader as _common_ChannelHeader,
    ChannelHeader__Output as _common_ChannelHeader__Output,
} from './common/ChannelHeader.ts';
import type { Header as _common_Header, Header__Output as _common_Header__Output } from './common/Header.ts';
import type {
    SignatureHeader as _common_SignatureHeader,
    SignatureHeader__Output as _common_SignatureHeader__Output,
} from './common/SignatureHeader.ts';
import type {
    Timestamp as _google_protobuf_Timestamp,
    Timestamp__Output as _google_protobuf_Timestamp__Output,
} from './google/protobuf/Timestamp.ts';

type SubtypeConstructor<Constructor extends new (...args: any) => any, Subtype> = {
    new (...args: ConstructorParameters<Constructor>): Subtype;
};

export interface ProtoGrpcType {
    common: {
        ChannelHeader: MessageTypeDefinition<_common_ChannelHeader, _common_ChannelHeader__Output>;
        Header: MessageTypeDefinition<_common_Header, _common_Header__Output>;
        HeaderType: EnumTypeDefinition;
        SignatureHeader: MessageTypeDefinition<_common_SignatureHeader, _common_SignatureHeader__Output>;
    };
    google: {
        protobuf: {
            Timestamp: MessageTypeDefinition<_google_protobuf_Timestamp, _google_protobuf_Timestamp__Output>;
        };
    };
}
