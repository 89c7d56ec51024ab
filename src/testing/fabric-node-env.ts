// SPDX-License-Identifier: Apache-2.0
//
// The environment of each Fabric process: the release's own orderer.yaml and core.yaml, changed
// only through ORDERER_* and CORE_* variables (loopback ports, our crypto, our external builder).

import path from 'node:path';
import type { OrgCrypto } from './fabric-crypto.ts';
import type { FabricHome } from './fabric-home.ts';

/** The ports of the orderer. */
export interface OrdererPorts {
    readonly port: number;
    /** The Raft cluster listener (always TLS, as etcdraft requires). */
    readonly clusterPort: number;
    readonly adminPort: number;
    readonly operationsPort: number;
}

/** The ports of one peer. */
export interface PeerPorts {
    readonly port: number;
    readonly chaincodePort: number;
    readonly operationsPort: number;
}

/** Name of the external builder entry the peers list (recorded in their build cache). */
const BUILDER_NAME = 'ccaas-template';

const LOOPBACK = '127.0.0.1';
const at = (port: number): string => `${LOOPBACK}:${String(port)}`;

function base(fabric: FabricHome): Record<string, string> {
    return { PATH: process.env.PATH ?? '', FABRIC_CFG_PATH: fabric.configDir, FABRIC_LOGGING_SPEC: 'info' };
}

/**
 * The orderer: channel participation API, no system channel, its own TLS listeners for Raft and
 * the admin API; TLS on the client listener unless `clientTls` is false (dev mode).
 */
export function ordererEnv(
    fabric: FabricHome,
    org: OrgCrypto,
    ports: OrdererPorts,
    dataDir: string,
    clientTls = true,
): Record<string, string> {
    const tls = org.nodeTls;
    return {
        ...base(fabric),
        ORDERER_GENERAL_LISTENADDRESS: LOOPBACK,
        ORDERER_GENERAL_LISTENPORT: String(ports.port),
        ORDERER_GENERAL_LOCALMSPID: org.mspId,
        ORDERER_GENERAL_LOCALMSPDIR: org.nodeMspDir,
        ORDERER_GENERAL_TLS_ENABLED: String(clientTls),
        ORDERER_GENERAL_TLS_PRIVATEKEY: tls.key,
        ORDERER_GENERAL_TLS_CERTIFICATE: tls.cert,
        ORDERER_GENERAL_TLS_ROOTCAS: `[${tls.ca}]`,
        ORDERER_GENERAL_CLUSTER_LISTENADDRESS: LOOPBACK,
        ORDERER_GENERAL_CLUSTER_LISTENPORT: String(ports.clusterPort),
        ORDERER_GENERAL_CLUSTER_SERVERCERTIFICATE: tls.cert,
        ORDERER_GENERAL_CLUSTER_SERVERPRIVATEKEY: tls.key,
        ORDERER_GENERAL_CLUSTER_CLIENTCERTIFICATE: tls.cert,
        ORDERER_GENERAL_CLUSTER_CLIENTPRIVATEKEY: tls.key,
        ORDERER_GENERAL_CLUSTER_ROOTCAS: `[${tls.ca}]`,
        ORDERER_GENERAL_BOOTSTRAPMETHOD: 'none',
        ORDERER_CHANNELPARTICIPATION_ENABLED: 'true',
        ORDERER_ADMIN_LISTENADDRESS: at(ports.adminPort),
        ORDERER_ADMIN_TLS_ENABLED: 'true',
        ORDERER_ADMIN_TLS_PRIVATEKEY: tls.key,
        ORDERER_ADMIN_TLS_CERTIFICATE: tls.cert,
        ORDERER_ADMIN_TLS_ROOTCAS: `[${tls.ca}]`,
        ORDERER_ADMIN_TLS_CLIENTAUTHREQUIRED: 'true',
        ORDERER_ADMIN_TLS_CLIENTROOTCAS: `[${tls.ca}]`,
        ORDERER_FILELEDGER_LOCATION: path.join(dataDir, 'ledger'),
        ORDERER_CONSENSUS_WALDIR: path.join(dataDir, 'etcdraft', 'wal'),
        ORDERER_CONSENSUS_SNAPDIR: path.join(dataDir, 'etcdraft', 'snapshot'),
        ORDERER_OPERATIONS_LISTENADDRESS: at(ports.operationsPort),
        ORDERER_METRICS_PROVIDER: 'disabled',
    };
}

/** How a peer is run. */
export interface PeerEnvOptions {
    readonly ports: PeerPorts;
    readonly dataDir: string;
    /** The directory holding our builder's bin/. */
    readonly builderDir: string;
    /** TLS on the peer's listeners (off only for dev mode, whose chaincode listener cannot be reached with TLS). */
    readonly tls: boolean;
}

/** A peer: TLS, LevelDB, gossip to itself (anchor peers do the rest), and our external builder. */
export function peerEnv(fabric: FabricHome, org: OrgCrypto, options: PeerEnvOptions): Record<string, string> {
    const { ports, tls } = options;
    return {
        ...base(fabric),
        CORE_PEER_ID: `peer0.${org.domain}`,
        CORE_PEER_ADDRESS: at(ports.port),
        CORE_PEER_LISTENADDRESS: at(ports.port),
        CORE_PEER_CHAINCODEADDRESS: at(ports.chaincodePort),
        CORE_PEER_CHAINCODELISTENADDRESS: at(ports.chaincodePort),
        CORE_PEER_GOSSIP_BOOTSTRAP: at(ports.port),
        CORE_PEER_GOSSIP_EXTERNALENDPOINT: at(ports.port),
        CORE_PEER_GOSSIP_PUBLISHSTATEINFOINTERVAL: '1s',
        CORE_PEER_GOSSIP_RECONNECTINTERVAL: '2s',
        CORE_PEER_GOSSIP_MEMBERSHIPTRACKERINTERVAL: '1s',
        CORE_PEER_LOCALMSPID: org.mspId,
        CORE_PEER_MSPCONFIGPATH: org.nodeMspDir,
        CORE_PEER_TLS_ENABLED: String(tls),
        CORE_PEER_TLS_CERT_FILE: org.nodeTls.cert,
        CORE_PEER_TLS_KEY_FILE: org.nodeTls.key,
        CORE_PEER_TLS_ROOTCERT_FILE: org.nodeTls.ca,
        CORE_PEER_FILESYSTEMPATH: options.dataDir,
        CORE_OPERATIONS_LISTENADDRESS: at(ports.operationsPort),
        CORE_METRICS_PROVIDER: 'prometheus',
        CORE_LEDGER_STATE_STATEDATABASE: 'goleveldb',
        CORE_LEDGER_SNAPSHOTS_ROOTDIR: path.join(options.dataDir, 'snapshots'),
        CORE_CHAINCODE_EXTERNALBUILDERS: JSON.stringify([
            {
                name: BUILDER_NAME,
                path: options.builderDir,
                propagateEnvironment: ['CHAINCODE_AS_A_SERVICE_BUILDER_CONFIG'],
            },
        ]),
    };
}

/** The `peer` command line acting as an org's admin against its peer. */
export function peerCliEnv(fabric: FabricHome, org: OrgCrypto, port: number, tls: boolean): Record<string, string> {
    return {
        ...base(fabric),
        FABRIC_LOGGING_SPEC: 'error',
        CORE_PEER_ADDRESS: at(port),
        CORE_PEER_LOCALMSPID: org.mspId,
        CORE_PEER_MSPCONFIGPATH: org.adminMspDir,
        CORE_PEER_TLS_ENABLED: String(tls),
        CORE_PEER_TLS_ROOTCERT_FILE: org.nodeTls.ca,
    };
}
