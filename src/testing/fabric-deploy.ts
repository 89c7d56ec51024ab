// SPDX-License-Identifier: Apache-2.0
//
// `deploy` on the local network, the way a user deploys: our packaging tool writes the package,
// every peer installs it (our builders build it), our server starts with the package ID, each org
// approves, the definition is committed, and the previous server of that chaincode is stopped.

import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { runPackageCli } from '../tools/package-cli.ts';
import { startChaincodeServer, writeServerTls, type ServerSpec, type ServerTls } from './chaincode-process.ts';
import type { FabricNetwork } from './fabric-network.ts';
import { stopProcess } from './fabric-process.ts';
import { freePort } from './free-port.ts';
import { waitForEndorsers } from './gateway-client.ts';
import type { ServerRecord } from './chaincode-process.ts';
import type { ChaincodeRecord } from './network-state.ts';

/** What to deploy and how. */
export interface DeployOptions {
    /** Chaincode name on the channel (default "basic"). */
    readonly name?: string;
    readonly version?: string;
    /** Default: one more than the last deploy of this name on this network, else 1. */
    readonly sequence?: number;
    /** Default "tls"; "mutual" makes the server require the peer's client certificate. */
    readonly tls?: ServerTls;
    /** Leave the client certificate out of connection.json (to see a mutual-TLS server refuse the peer). */
    readonly omitClientCert?: boolean;
    /** connection.json's dial_timeout (default 10s). */
    readonly dialTimeout?: string;
    readonly initRequired?: boolean;
    /** A collections config JSON file for private data. */
    readonly collectionsConfig?: string;
    /** e.g. "OR('Org1MSP.peer','Org2MSP.peer')"; default: the channel's MAJORITY Endorsement. */
    readonly signaturePolicy?: string;
    /** CHAINCODE_MODULE of the server. */
    readonly chaincodeModule?: string;
    readonly useDist?: boolean;
    readonly serverEnv?: Readonly<Record<string, string>>;
}

/** The outcome of a deploy. */
export interface Deployment extends ChaincodeRecord {
    readonly server: ServerRecord;
}

/** Packages with our tool; resolves with the package ID the tool printed. */
async function makePackage(label: string, out: string, flags: readonly string[]): Promise<string> {
    const stdout: string[] = [];
    const stderr: string[] = [];
    const io = { stdout: (line: string) => stdout.push(line), stderr: (line: string) => stderr.push(line), cwd: '/' };
    const code = await runPackageCli(['--label', label, '--out', out, ...flags], io);
    const packageId = stdout.at(-1);
    if (code !== 0 || packageId === undefined) {
        throw new Error(`packaging failed: ${stderr.join('\n')}`);
    }
    return packageId;
}

function definitionArgs(network: FabricNetwork, record: ChaincodeRecord, options: DeployOptions): string[] {
    return [
        ...network.ordererArgs(),
        '--channelID',
        network.channel,
        '--name',
        record.name,
        '--version',
        record.version,
        '--sequence',
        String(record.sequence),
        ...(options.initRequired === true ? ['--init-required'] : []),
        ...(options.collectionsConfig === undefined ? [] : ['--collections-config', options.collectionsConfig]),
        ...(options.signaturePolicy === undefined ? [] : ['--signature-policy', options.signaturePolicy]),
    ];
}

/** `--peerAddresses A --tlsRootCertFiles CA` for every peer (or without the CA when TLS is off). */
function allPeersArgs(network: FabricNetwork): string[] {
    return Array.from({ length: network.state.orgs }, (_, i) => [
        '--peerAddresses',
        network.peerAddress(i),
        ...(network.state.tls ? ['--tlsRootCertFiles', network.org(i).nodeTls.ca] : []),
    ]).flat();
}

/** Approves the definition for every org and commits it. */
async function approveAndCommit(
    network: FabricNetwork,
    record: ChaincodeRecord,
    options: DeployOptions,
): Promise<void> {
    const definition = definitionArgs(network, record, options);
    for (let i = 0; i < network.state.orgs; i++) {
        await network.peerCli(i, [
            'lifecycle',
            'chaincode',
            'approveformyorg',
            ...definition,
            '--package-id',
            record.packageId,
        ]);
    }
    await network.peerCli(0, ['lifecycle', 'chaincode', 'commit', ...definition, ...allPeersArgs(network)]);
}

/**
 * Packages, installs, starts the server, approves and commits; stops the previous server of the name.
 * On a dev-mode network nothing is installed: the definition names package `name:version` and our
 * server runs in client mode, dialling the peer's chaincode listener.
 */
export async function deployChaincode(network: FabricNetwork, options: DeployOptions = {}): Promise<Deployment> {
    const name = options.name ?? 'basic';
    const previous = network.state.chaincodes[name];
    const sequence = options.sequence ?? (previous?.sequence ?? 0) + 1;
    const version = options.version ?? String(sequence);
    if (network.state.devMode) {
        return deployDevMode(network, { ...options, name, version, sequence });
    }
    const label = `${name}_${String(sequence)}`;
    const serverSpec = await installPackage(network, label, options);
    const server = await startChaincodeServer(serverSpec);
    const record: Deployment = { name, version, sequence, packageId: serverSpec.packageId, server, serverSpec };
    try {
        await approveAndCommit(network, record, options);
    } catch (err) {
        await stopProcess(server);
        throw err;
    }
    network.recordChaincode(record);
    try {
        await waitForEndorsers(network, name);
    } finally {
        // The state file now names the new server only: the old one must not outlive this call.
        if (previous?.server !== undefined) {
            await stopProcess(previous.server);
        }
    }
    return record;
}

/** Packages the chaincode with our tool (address, TLS material), installs it on every peer; how its server runs. */
async function installPackage(network: FabricNetwork, label: string, options: DeployOptions): Promise<ServerSpec> {
    const tls = options.tls ?? 'tls';
    const workDir = path.join(network.dir, 'chaincodes', label);
    mkdirSync(workDir, { recursive: true });
    const tlsFiles = await writeServerTls(path.join(workDir, 'tls'));
    const port = await freePort();
    const flags = ['--address', `127.0.0.1:${String(port)}`, '--dial-timeout', options.dialTimeout ?? '10s'];
    if (tls !== 'plain') {
        flags.push('--tls-root-cert', tlsFiles.caCert);
    }
    if (tls === 'mutual' && options.omitClientCert !== true) {
        flags.push('--client-cert', tlsFiles.clientCert, '--client-key', tlsFiles.clientKey);
    }
    const packageFile = path.join(workDir, `${label}.tar.gz`);
    const packageId = await makePackage(label, packageFile, flags);
    for (let i = 0; i < network.state.orgs; i++) {
        await network.peerCli(i, ['lifecycle', 'chaincode', 'install', packageFile], 120_000);
    }
    return {
        name: `${label}.server`,
        packageId,
        port,
        sidecarPort: await freePort(),
        tls,
        tlsFiles,
        logFile: path.join(network.logDir, `${label}.server.log`),
        ...(options.chaincodeModule === undefined ? {} : { chaincodeModule: options.chaincodeModule }),
        ...(options.useDist === undefined ? {} : { useDist: options.useDist }),
        ...(options.serverEnv === undefined ? {} : { env: options.serverEnv }),
    };
}

/** Stops the server of a deployed chaincode (by PID) and starts it again with the same settings and ports. */
export async function restartServer(network: FabricNetwork, name: string): Promise<ServerRecord> {
    const record = network.state.chaincodes[name];
    if (record?.serverSpec === undefined) {
        throw new Error(`no server of ${name} was started on this network`);
    }
    if (record.server !== undefined) {
        await stopProcess(record.server);
    }
    const server = await startChaincodeServer(record.serverSpec);
    network.recordChaincode({ ...record, server });
    return server;
}

/**
 * Submits a transaction with the `peer` command line (`peer chaincode invoke`, endorsed by every
 * org's peer, waiting for the commit): what dev mode and Init need, since the Gateway cannot do either.
 */
export async function peerInvoke(
    network: FabricNetwork,
    name: string,
    args: readonly string[],
    options: { readonly init?: boolean } = {},
): Promise<string> {
    return network.peerCli(0, [
        'chaincode',
        'invoke',
        ...network.ordererArgs(),
        '--channelID',
        network.channel,
        '--name',
        name,
        ...(options.init === true ? ['--isInit'] : []),
        '--ctor',
        JSON.stringify({ Args: args }),
        '--waitForEvent',
        ...allPeersArgs(network),
    ]);
}

/** Runs Init of an init-required chaincode (`peer chaincode invoke --isInit`) on every org's peer. */
export async function initChaincode(network: FabricNetwork, name: string, args: readonly string[] = []): Promise<void> {
    await peerInvoke(network, name, args, { init: true });
}

/** Evaluates on org 0's peer with `peer chaincode query`; resolves with what it prints. */
export async function peerQuery(network: FabricNetwork, name: string, args: readonly string[]): Promise<string> {
    const output = await network.peerCli(0, [
        'chaincode',
        'query',
        '--channelID',
        network.channel,
        '--name',
        name,
        '--ctor',
        JSON.stringify({ Args: args }),
    ]);
    return output.trim();
}

async function deployDevMode(
    network: FabricNetwork,
    options: DeployOptions & { name: string; version: string; sequence: number },
): Promise<Deployment> {
    const { name, version, sequence } = options;
    const packageId = `${name}:${version}`;
    const record: ChaincodeRecord = { name, version, sequence, packageId };
    const previous = network.state.chaincodes[name];
    await approveAndCommit(network, record, options);
    if (previous?.server !== undefined) {
        await stopProcess(previous.server);
    }
    const label = `${name}_${String(sequence)}`;
    const serverSpec: ServerSpec = {
        name: `${label}.client`,
        packageId,
        port: 0,
        sidecarPort: await freePort(),
        tls: 'plain',
        tlsFiles: await writeServerTls(path.join(network.dir, 'chaincodes', label, 'tls')),
        logFile: path.join(network.logDir, `${label}.client.log`),
        peerChaincodeAddress: `127.0.0.1:${String(network.peerPorts(0).chaincodePort)}`,
        ...(options.chaincodeModule === undefined ? {} : { chaincodeModule: options.chaincodeModule }),
        ...(options.useDist === undefined ? {} : { useDist: options.useDist }),
        ...(options.serverEnv === undefined ? {} : { env: options.serverEnv }),
    };
    const server = await startChaincodeServer(serverSpec);
    const deployment: Deployment = { ...record, server, serverSpec };
    network.recordChaincode(deployment);
    return deployment;
}
