// Original file: protos/common/common.proto

export const HeaderType = {
    MESSAGE: 'MESSAGE',
    CONFIG: 'CONFIG',
    CONFIG_UPDATE: 'CONFIG_UPDATE',
    ENDORSER_TRANSACTION: 'ENDORSER_TRANSACTION',
    ORDERER_TRANSACTION: 'ORDERER_TRANSACTION',
    DELIVER_SEEK_INFO: 'DELIVER_SEEK_INFO',
    CHAINCODE_PACKAGE: 'CHAINCODE_PACKAGE',
} as const;

export type HeaderType =
    | 'MESSAGE'
    | 0
    | 'CONFIG'
    | 1
    | 'CONFIG_UPDATE'
    | 2
    | 'ENDORSER_TRANSACTION'
    | 3
    | 'ORDERER_TRANSACTION'
    | 4
    | 'DELIVER_SEEK_INFO'
    | 5
    | 'CHAINCODE_PACKAGE'
    | 6;

export type HeaderType__Output = (typeof HeaderType)[keyof typeof HeaderType];
