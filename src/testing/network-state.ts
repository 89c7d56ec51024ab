// SPDX-License-Identifier: Apache-2.0
//
// The local network's state file (network.json in the network directory): ports, PIDs and what is
// deployed, so a later `down`, `status` or `deploy` finds what an earlier `up` started.

import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { ServerRecord, ServerSpec } from './chaincode-process.ts';
import type { OrdererPorts, PeerPorts } from './fabric-node-env.ts';
import type { ProcessRecord } from './fabric-process.ts';

/** The committed definition of a chaincode and the server serving it. */
export interface ChaincodeRecord {
    readonly name: string;
    readonly version: string;
    readonly sequence: number;
    readonly packageId: string;
    readonly server?: ServerRecord;
    /** How the server was started, so it can be started again. */
    readonly serverSpec?: ServerSpec;
}

/** Everything `up` and `deploy` recorded. */
export interface NetworkState {
    readonly fabricHome: string;
    readonly fabricVersion: string;
    readonly channel: string;
    readonly orgs: number;
    readonly tls: boolean;
    readonly devMode: boolean;
    readonly orderer: OrdererPorts;
    readonly peers: readonly PeerPorts[];
    /** Orderer and peers, by name ("orderer", "peer0.org1", ...). */
    readonly processes: readonly ProcessRecord[];
    readonly chaincodes: Readonly<Record<string, ChaincodeRecord>>;
}

export const STATE_FILE = 'network.json';

/** Reads the state file of the network in `dir`; throws when there is none. */
export function readState(dir: string): NetworkState {
    const file = path.join(dir, STATE_FILE);
    if (!existsSync(file)) {
        throw new Error(`no network in ${dir} (no ${STATE_FILE}): run \`up\` first`);
    }
    return JSON.parse(readFileSync(file, 'utf8')) as NetworkState;
}

/** Replaces the state file atomically. */
export function writeState(dir: string, state: NetworkState): void {
    const file = path.join(dir, STATE_FILE);
    writeFileSync(`${file}.tmp`, `${JSON.stringify(state, null, 2)}\n`);
    renameSync(`${file}.tmp`, file);
}
