// SPDX-License-Identifier: Apache-2.0
//
// The channel: a configtx.yaml of our own (one etcdraft consenter on loopback,
// each peer org with its anchor peer) turned into a genesis block by configtxgen, and the orderer joined to it.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import type { NetworkCrypto, OrgCrypto } from './fabric-crypto.ts';
import type { FabricHome } from './fabric-home.ts';
import { runTool } from './fabric-process.ts';

/** What the channel config needs to know about the running nodes. */
export interface ChannelNodes {
    readonly ordererPort: number;
    readonly clusterPort: number;
    readonly peerPorts: readonly number[];
}

const LOOPBACK = '127.0.0.1';

const signature = (rule: string): { Type: string; Rule: string } => ({ Type: 'Signature', Rule: rule });
const implicit = (rule: string): { Type: string; Rule: string } => ({ Type: 'ImplicitMeta', Rule: rule });

const ROLE_POLICIES = {
    Readers: implicit('ANY Readers'),
    Writers: implicit('ANY Writers'),
    Admins: implicit('MAJORITY Admins'),
};

function peerOrg(org: OrgCrypto, port: number): Record<string, unknown> {
    const id = org.mspId;
    return {
        Name: id,
        ID: id,
        MSPDir: org.mspDir,
        Policies: {
            Readers: signature(`OR('${id}.admin', '${id}.peer', '${id}.client')`),
            Writers: signature(`OR('${id}.admin', '${id}.client')`),
            Admins: signature(`OR('${id}.admin')`),
            Endorsement: signature(`OR('${id}.peer')`),
        },
        AnchorPeers: [{ Host: LOOPBACK, Port: port }],
    };
}

function ordererSection(crypto: NetworkCrypto, port: number, clusterPort: number): Record<string, unknown> {
    const id = crypto.orderer.mspId;
    return {
        OrdererType: 'etcdraft',
        EtcdRaft: {
            Consenters: [
                {
                    Host: LOOPBACK,
                    Port: clusterPort,
                    ClientTLSCert: crypto.orderer.nodeTls.cert,
                    ServerTLSCert: crypto.orderer.nodeTls.cert,
                },
            ],
        },
        BatchTimeout: '250ms',
        BatchSize: { MaxMessageCount: 500, AbsoluteMaxBytes: '99 MB', PreferredMaxBytes: '2 MB' },
        Organizations: [
            {
                Name: id,
                ID: id,
                MSPDir: crypto.orderer.mspDir,
                Policies: {
                    Readers: signature(`OR('${id}.member')`),
                    Writers: signature(`OR('${id}.member')`),
                    Admins: signature(`OR('${id}.admin')`),
                },
                OrdererEndpoints: [`${LOOPBACK}:${String(port)}`],
            },
        ],
        Policies: { ...ROLE_POLICIES, BlockValidation: implicit('ANY Writers') },
        Capabilities: { V2_0: true },
    };
}

/** The configtx.yaml document with one profile, `Channel`. */
function channelConfig(fabric: FabricHome, crypto: NetworkCrypto, nodes: ChannelNodes): Record<string, unknown> {
    return {
        Profiles: {
            Channel: {
                Policies: ROLE_POLICIES,
                Capabilities: fabric.major >= 3 ? { V3_0: true } : { V2_0: true },
                Orderer: ordererSection(crypto, nodes.ordererPort, nodes.clusterPort),
                Application: {
                    Organizations: crypto.peers.map((org, i) => peerOrg(org, nodes.peerPorts[i] ?? 0)),
                    Policies: {
                        ...ROLE_POLICIES,
                        LifecycleEndorsement: implicit('MAJORITY Endorsement'),
                        Endorsement: implicit('MAJORITY Endorsement'),
                    },
                    Capabilities: { V2_5: true },
                },
            },
        },
    };
}

/** Writes configtx.yaml into `dir` and the genesis block of `channel` next to it; returns the block's path. */
export async function createGenesisBlock(
    fabric: FabricHome,
    dir: string,
    channel: string,
    crypto: NetworkCrypto,
    nodes: ChannelNodes,
): Promise<string> {
    writeFileSync(path.join(dir, 'configtx.yaml'), stringify(channelConfig(fabric, crypto, nodes)));
    const block = path.join(dir, `${channel}.block`);
    await runTool(
        fabric.tool('configtxgen'),
        ['-profile', 'Channel', '-outputBlock', block, '-channelID', channel, '-configPath', dir],
        { PATH: process.env.PATH ?? '', FABRIC_CFG_PATH: dir },
    );
    return block;
}

/** Joins the orderer to the channel through its admin API (osnadmin, with the orderer org admin's TLS pair). */
export async function joinOrderer(
    fabric: FabricHome,
    orderer: OrgCrypto,
    adminPort: number,
    channel: string,
    block: string,
): Promise<void> {
    await runTool(
        fabric.tool('osnadmin'),
        [
            'channel',
            'join',
            '--channelID',
            channel,
            '--config-block',
            block,
            '-o',
            `${LOOPBACK}:${String(adminPort)}`,
            '--ca-file',
            orderer.nodeTls.ca,
            '--client-cert',
            orderer.adminTls.cert,
            '--client-key',
            orderer.adminTls.key,
        ],
        { PATH: process.env.PATH ?? '' },
    );
}
