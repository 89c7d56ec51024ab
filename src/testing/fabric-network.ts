// SPDX-License-Identifier: Apache-2.0
//
// A Fabric network of plain processes on loopback: one etcdraft orderer (channel participation,
// no system channel) and one peer per org, TLS everywhere, our builders/ as the peers' external
// builder. `up()` starts it and records it in a state file; `open()` picks it up again later.

import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { createGenesisBlock, joinOrderer } from './fabric-channel.ts';
import { cryptoLayout, generateCrypto, type NetworkCrypto, type OrgCrypto } from './fabric-crypto.ts';
import { fabricHome, type FabricHome } from './fabric-home.ts';
import { ordererEnv, peerCliEnv, peerEnv, type OrdererPorts, type PeerPorts } from './fabric-node-env.ts';
import { freePort } from './free-port.ts';
import {
    httpOk,
    isAlive,
    logContains,
    logOffset,
    fabricHealthy,
    runTool,
    startProcess,
    stopProcess,
    tailLog,
    waitUntilReady,
    type ProcessRecord,
} from './fabric-process.ts';
import { readState, STATE_FILE, writeState, type ChaincodeRecord, type NetworkState } from './network-state.ts';

/** How `up()` builds the network. */
export interface NetworkOptions {
    /** The network directory: crypto, ledgers, logs, state file. Wiped by `up()`. */
    readonly dir: string;
    /** Fabric's bin/ and config/; defaults to FABRIC_HOME. */
    readonly fabricHome?: string;
    /** Peer orgs, one peer each (default 2). */
    readonly orgs?: number;
    readonly channel?: string;
    /**
     * Start the peers with --peer-chaincodedev. TLS is then off on the peers and the orderer's client
     * listener: the peer's chaincode listener would only take certificates from the peer's own CA,
     * and a peer without TLS dials the orderer without TLS.
     */
    readonly devMode?: boolean;
}

/** The repository's builders/ directory. */
const BUILDERS_DIR = path.resolve(import.meta.dirname, '..', '..', 'builders');

const LOOPBACK = '127.0.0.1';

export class FabricNetwork {
    readonly dir: string;
    readonly fabric: FabricHome;
    readonly crypto: NetworkCrypto;
    #state: NetworkState;

    private constructor(dir: string, fabric: FabricHome, state: NetworkState) {
        this.dir = dir;
        this.fabric = fabric;
        this.crypto = cryptoLayout(dir, state.orgs);
        this.#state = state;
    }

    /** Creates and starts a network; on any failure stops what it started and throws with the log tails. */
    static async up(options: NetworkOptions): Promise<FabricNetwork> {
        const dir = path.resolve(options.dir);
        const fabric = fabricHome(options.fabricHome);
        if (existsSync(path.join(dir, 'network.json'))) {
            const previous = readState(dir);
            const servers = Object.values(previous.chaincodes).flatMap((c) => (c.server ? [c.server] : []));
            const running = [...previous.processes, ...servers].filter((p) => isAlive(p));
            if (running.length > 0) {
                throw new Error(`a network is already running in ${dir}: run \`down\` first`);
            }
        }
        if (existsSync(dir) && readdirSync(dir).length > 0 && !existsSync(path.join(dir, STATE_FILE))) {
            throw new Error(`${dir} is not empty and holds no network: choose an empty or new directory`);
        }
        rmSync(dir, { recursive: true, force: true });
        mkdirSync(path.join(dir, 'logs'), { recursive: true });
        const orgs = options.orgs ?? 2;
        const devMode = options.devMode ?? false;
        const state: NetworkState = {
            fabricHome: fabric.dir,
            fabricVersion: fabric.version,
            channel: options.channel ?? 'mychannel',
            orgs,
            tls: !devMode,
            devMode,
            orderer: {
                port: await freePort(),
                clusterPort: await freePort(),
                adminPort: await freePort(),
                operationsPort: await freePort(),
            },
            peers: await Promise.all(
                Array.from({ length: orgs }, async () => ({
                    port: await freePort(),
                    chaincodePort: await freePort(),
                    operationsPort: await freePort(),
                })),
            ),
            processes: [],
            chaincodes: {},
        };
        const network = new FabricNetwork(dir, fabric, state);
        try {
            await network.#create();
        } catch (err) {
            const tails = network.logTails();
            await network.down();
            throw new Error(
                `the network did not start: ${err instanceof Error ? err.message : String(err)}\n${tails}`,
                {
                    cause: err,
                },
            );
        }
        return network;
    }

    /** The network a previous `up()` left in `dir`. */
    static open(dir: string): FabricNetwork {
        const resolved = path.resolve(dir);
        const state = readState(resolved);
        return new FabricNetwork(resolved, fabricHome(state.fabricHome), state);
    }

    get state(): NetworkState {
        return this.#state;
    }

    get logDir(): string {
        return path.join(this.dir, 'logs');
    }

    get channel(): string {
        return this.#state.channel;
    }

    /** Peer org `i` (0-based). */
    org(i: number): OrgCrypto {
        const org = this.crypto.peers[i];
        if (org === undefined) {
            throw new Error(`the network has ${String(this.#state.orgs)} orgs, not ${String(i + 1)}`);
        }
        return org;
    }

    peerPorts(i: number): PeerPorts {
        this.org(i);
        return this.#state.peers[i] as PeerPorts;
    }

    /** host:port of peer `i`'s gRPC services (endorser, gateway, deliver). */
    peerAddress(i: number): string {
        return `${LOOPBACK}:${String(this.peerPorts(i).port)}`;
    }

    /** Runs the `peer` command line as org `i`'s admin; resolves with its output. */
    async peerCli(i: number, args: readonly string[], timeoutMs?: number): Promise<string> {
        const env = peerCliEnv(this.fabric, this.org(i), this.peerPorts(i).port, this.#state.tls);
        return runTool(this.fabric.tool('peer'), args, env, timeoutMs);
    }

    /** The flags that make a `peer` command talk to the orderer. */
    ordererArgs(): string[] {
        const address = `${LOOPBACK}:${String(this.#state.orderer.port)}`;
        return ['-o', address, ...(this.#state.tls ? ['--tls', '--cafile', this.crypto.orderer.nodeTls.ca] : [])];
    }

    /** Records a deployed chaincode (and its server) in the state file. */
    recordChaincode(record: ChaincodeRecord): void {
        this.#update({ chaincodes: { ...this.#state.chaincodes, [record.name]: record } });
    }

    /** Every process the network runs, chaincode servers included, with whether it is alive. */
    status(): (ProcessRecord & { alive: boolean })[] {
        return this.#allProcesses().map((p) => ({ ...p, alive: isAlive(p) }));
    }

    /** The tails of every log in the log folder. */
    logTails(lines = 40): string {
        return this.#allProcesses()
            .map((p) => tailLog(p.logFile, lines))
            .join('');
    }

    /** Stops peer `i` (SIGTERM, then SIGKILL). */
    async stopPeer(i: number): Promise<void> {
        const name = this.#peerName(i);
        const record = this.#state.processes.find((p) => p.name === name);
        if (record !== undefined) {
            await stopProcess(record);
            this.#update({ processes: this.#state.processes.filter((p) => p.name !== name) });
        }
    }

    /** Starts peer `i` (again) on its ports and data directory and waits for its health check. */
    async startPeer(i: number): Promise<void> {
        const name = this.#peerName(i);
        const ports = this.peerPorts(i);
        const env = peerEnv(this.fabric, this.org(i), {
            ports,
            dataDir: path.join(this.dir, 'data', name),
            builderDir: BUILDERS_DIR,
            tls: this.#state.tls,
        });
        const args = ['node', 'start', ...(this.#state.devMode ? ['--peer-chaincodedev'] : [])];
        const logFile = path.join(this.logDir, `${name}.log`);
        const from = logOffset(logFile);
        const record = startProcess({ name, command: this.fabric.tool('peer'), args, env, logFile });
        this.#update({ processes: [...this.#state.processes, record] });
        const healthz = `http://${LOOPBACK}:${String(ports.operationsPort)}/healthz`;
        await waitUntilReady(
            record,
            async () => logContains(logFile, 'Started peer with ID', from) && fabricHealthy(healthz),
        );
    }

    /** Stops every process it started, chaincode servers first, by PID; keeps the directory and its logs. */
    async down(): Promise<void> {
        const servers = Object.values(this.#state.chaincodes).flatMap((c) => (c.server ? [c.server] : []));
        await Promise.all(servers.map((s) => stopProcess(s)));
        await Promise.all(this.#state.processes.map((p) => stopProcess(p)));
        const chaincodes = Object.fromEntries(
            Object.entries(this.#state.chaincodes).map(([name, record]) => [name, { ...record, server: undefined }]),
        );
        this.#update({ processes: [], chaincodes });
    }

    async #create(): Promise<void> {
        const state = this.#state;
        await generateCrypto(this.fabric, this.dir, state.orgs);
        const block = await createGenesisBlock(this.fabric, this.dir, state.channel, this.crypto, {
            ordererPort: state.orderer.port,
            clusterPort: state.orderer.clusterPort,
            peerPorts: state.peers.map((p) => p.port),
        });
        await this.#startOrderer(state.orderer);
        await joinOrderer(this.fabric, this.crypto.orderer, state.orderer.adminPort, state.channel, block);
        const orderer = this.#state.processes.find((p) => p.name === 'orderer');
        if (orderer !== undefined) {
            await waitUntilReady(orderer, () => Promise.resolve(logContains(orderer.logFile, 'elected leader')));
        }
        for (let i = 0; i < state.orgs; i++) {
            await this.startPeer(i);
            await this.peerCli(i, ['channel', 'join', '-b', block]);
        }
        await Promise.all(state.peers.map((_, i) => this.#waitForMembership(i)));
    }

    /** Waits until peer `i`'s gossip knows the peers of every other org on the channel (its metrics say so). */
    async #waitForMembership(i: number): Promise<void> {
        const name = this.#peerName(i);
        const record = this.#state.processes.find((p) => p.name === name);
        if (record === undefined || this.#state.orgs < 2) {
            return;
        }
        const url = `http://${LOOPBACK}:${String(this.peerPorts(i).operationsPort)}/metrics`;
        const known = new RegExp(`^gossip_membership_total_peers_known\\{channel="${this.channel}"\\} (\\d+)$`, 'm');
        await waitUntilReady(
            record,
            async () =>
                Number(known.exec(await (await fetch(url, { signal: AbortSignal.timeout(2000) })).text())?.[1] ?? 0) >=
                this.#state.orgs - 1,
            60_000,
        );
    }

    async #startOrderer(ports: OrdererPorts): Promise<void> {
        const dataDir = path.join(this.dir, 'data', 'orderer');
        const env = ordererEnv(this.fabric, this.crypto.orderer, ports, dataDir, this.#state.tls);
        const logFile = path.join(this.logDir, 'orderer.log');
        const record = startProcess({ name: 'orderer', command: this.fabric.tool('orderer'), args: [], env, logFile });
        this.#update({ processes: [...this.#state.processes, record] });
        const healthz = `http://${LOOPBACK}:${String(ports.operationsPort)}/healthz`;
        await waitUntilReady(
            record,
            async () => logContains(logFile, 'Beginning to serve requests') && httpOk(healthz),
        );
    }

    #peerName(i: number): string {
        this.org(i);
        return `peer0.org${String(i + 1)}`;
    }

    #allProcesses(): ProcessRecord[] {
        const servers = Object.values(this.#state.chaincodes).flatMap((c) => (c.server ? [c.server] : []));
        return [...this.#state.processes, ...servers];
    }

    #update(change: Partial<NetworkState>): void {
        this.#state = { ...this.#state, ...change };
        writeState(this.dir, this.#state);
    }
}
