// SPDX-License-Identifier: Apache-2.0
//
// A Fabric Gateway client (@hyperledger/fabric-gateway) connected to one peer of the local
// network as that org's User1: what an application uses to submit and evaluate transactions.

import { createPrivateKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import * as grpc from '@grpc/grpc-js';
import { connect, signers, type Contract, type Gateway, type Network } from '@hyperledger/fabric-gateway';
import type { FabricNetwork } from './fabric-network.ts';

/** A Gateway connection and the gRPC client under it. */
export interface GatewayConnection {
    readonly gateway: Gateway;
    readonly network: Network;
    contract(name: string, contractName?: string): Contract;
    close(): void;
}

const MIB = 1024 * 1024;

/** Connects to peer `org` (0-based) as User1 of that org. */
export function connectGateway(network: FabricNetwork, org = 0): GatewayConnection {
    const crypto = network.org(org);
    const address = network.peerAddress(org);
    const credentials = network.state.tls
        ? grpc.credentials.createSsl(readFileSync(crypto.nodeTls.ca))
        : grpc.credentials.createInsecure();
    const client = new grpc.Client(address, credentials, {
        'grpc.ssl_target_name_override': 'localhost',
        'grpc.max_send_message_length': 100 * MIB,
        'grpc.max_receive_message_length': 100 * MIB,
    });
    const gateway = connect({
        client,
        identity: { mspId: crypto.mspId, credentials: readFileSync(crypto.userCert) },
        signer: signers.newPrivateKeySigner(createPrivateKey(readFileSync(crypto.userKey))),
        evaluateOptions: () => ({ deadline: Date.now() + 30_000 }),
        endorseOptions: () => ({ deadline: Date.now() + 60_000 }),
        submitOptions: () => ({ deadline: Date.now() + 30_000 }),
        commitStatusOptions: () => ({ deadline: Date.now() + 60_000 }),
    });
    const channel = gateway.getNetwork(network.channel);
    return {
        gateway,
        network: channel,
        contract: (name, contractName) =>
            contractName === undefined ? channel.getContract(name) : channel.getContract(name, contractName),
        close: () => {
            gateway.close();
            client.close();
        },
    };
}

/** What a Gateway says while gossip has not yet told it which peers run a chaincode. */
const NOT_YET = /no combination of peers|failed to find any endorsing peers|no endorsing peers/i;

/**
 * Waits until the Gateway of peer `org` sees the chaincode on a peer of every org (gossip has
 * spread the new definition): endorses a metadata query at every org and throws the result away.
 * A chaincode error in the answer still counts, since it comes from the peers; nothing is submitted.
 */
export async function waitForEndorsers(
    network: FabricNetwork,
    chaincode: string,
    org = 0,
    timeoutMs = 60_000,
): Promise<void> {
    const connection = connectGateway(network, org);
    const endorsingOrganizations = Array.from({ length: network.state.orgs }, (_, i) => network.org(i).mspId);
    const deadline = Date.now() + timeoutMs;
    try {
        for (;;) {
            const proposal = connection
                .contract(chaincode)
                .newProposal('org.hyperledger.fabric:GetMetadata', { endorsingOrganizations });
            const details = await proposal.endorse().then(
                () => undefined,
                (err: unknown) => (err instanceof Error ? `${err.message} ${JSON.stringify(err)}` : String(err)),
            );
            if (details === undefined || !NOT_YET.test(details)) {
                return;
            }
            if (Date.now() > deadline) {
                throw new Error(
                    `the Gateway of ${network.org(org).mspId} found no endorsers for ${chaincode}: ${details}`,
                );
            }
            await sleep(250);
        }
    } finally {
        connection.close();
    }
}
