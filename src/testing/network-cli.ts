// SPDX-License-Identifier: Apache-2.0
//
// `npm run network -- up|deploy|init|invoke|query|status|down`: the local Fabric network from the
// command line. Every command reads and updates the state file in the network directory.

import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ServerTls } from './chaincode-process.ts';
import { deployChaincode, initChaincode, peerInvoke, peerQuery, type DeployOptions } from './fabric-deploy.ts';
import { FabricNetwork } from './fabric-network.ts';
import { connectGateway } from './gateway-client.ts';

const USAGE = `Usage: npm run network -- COMMAND [options]

  up       [--orgs N] [--channel NAME] [--dev-mode]   start orderer and peers (FABRIC_HOME: Fabric's bin/ and config/);
                                                      --dev-mode: peers with --peer-chaincodedev, TLS off, 1 org by default
  deploy   [--name basic] [--tls plain|tls|mutual] [--sequence N] [--version V] [--init-required]
           [--collections-config FILE] [--signature-policy EXPR] [--module PATH] [--dist]
                                                      package, install, start our server, approve, commit
  init     [--name basic] ARGS...                     run Init of an init-required chaincode (peer chaincode invoke --isInit)
  invoke   [--name basic] [--org N] FUNCTION ARGS...  submit a transaction through the Gateway of org N
                                                      (on a dev-mode network: with peer chaincode invoke)
  query    [--name basic] [--org N] FUNCTION ARGS...  evaluate a transaction
  status                                              what runs, with PIDs and ports
  down                                                stop everything that up and deploy started

  --dir DIR    the network directory (default .network, or FABRIC_NETWORK_DIR)`;

const OPTIONS = {
    dir: { type: 'string' },
    orgs: { type: 'string' },
    channel: { type: 'string' },
    'dev-mode': { type: 'boolean', default: false },
    name: { type: 'string', default: 'basic' },
    tls: { type: 'string', default: 'tls' },
    sequence: { type: 'string' },
    version: { type: 'string' },
    'init-required': { type: 'boolean', default: false },
    'collections-config': { type: 'string' },
    'signature-policy': { type: 'string' },
    module: { type: 'string' },
    dist: { type: 'boolean', default: false },
    org: { type: 'string', default: '1' },
    help: { type: 'boolean', short: 'h', default: false },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values'];

const REPO = path.resolve(import.meta.dirname, '..', '..');

function networkDir(flags: Flags): string {
    return path.resolve(flags.dir ?? process.env.FABRIC_NETWORK_DIR ?? path.join(REPO, '.network'));
}

/** A flag that must be a whole number of at least 1. */
function count(flag: string, value: string): number {
    if (!/^[1-9][0-9]*$/.test(value)) {
        throw new Error(`--${flag} must be a whole number of at least 1, not ${value}`);
    }
    return Number(value);
}

function tlsMode(value: string): ServerTls {
    if (value !== 'plain' && value !== 'tls' && value !== 'mutual') {
        throw new Error(`--tls must be plain, tls or mutual, not ${value}`);
    }
    return value;
}

async function up(flags: Flags): Promise<void> {
    const started = Date.now();
    const network = await FabricNetwork.up({
        dir: networkDir(flags),
        orgs: count('orgs', flags.orgs ?? (flags['dev-mode'] ? '1' : '2')),
        devMode: flags['dev-mode'],
        ...(flags.channel === undefined ? {} : { channel: flags.channel }),
    });
    console.log(`Fabric ${network.fabric.version} network up in ${String(Date.now() - started)} ms: ${network.dir}`);
    status(network);
}

async function deploy(flags: Flags): Promise<void> {
    const network = FabricNetwork.open(networkDir(flags));
    const deployment = await deployChaincode(network, deployOptions(flags)).catch((err: unknown) => {
        const message = err instanceof Error ? err.message : String(err);
        throw new Error(`${message}\n${network.logTails(20)}`, { cause: err });
    });
    console.log(
        `deployed ${deployment.name} sequence ${String(deployment.sequence)} on ${network.channel}: ` +
            `package ${deployment.packageId}, server ${deployment.server.address} (pid ${String(deployment.server.pid)})`,
    );
}

function deployOptions(flags: Flags): DeployOptions {
    return {
        name: flags.name,
        tls: tlsMode(flags.tls),
        initRequired: flags['init-required'],
        useDist: flags.dist,
        ...(flags.sequence === undefined ? {} : { sequence: count('sequence', flags.sequence) }),
        ...(flags.version === undefined ? {} : { version: flags.version }),
        ...(flags['collections-config'] === undefined
            ? {}
            : { collectionsConfig: path.resolve(flags['collections-config']) }),
        ...(flags['signature-policy'] === undefined ? {} : { signaturePolicy: flags['signature-policy'] }),
        ...(flags.module === undefined ? {} : { chaincodeModule: flags.module }),
    };
}

async function transact(flags: Flags, args: readonly string[], submit: boolean): Promise<void> {
    const [fcn, ...rest] = args;
    if (fcn === undefined) {
        throw new Error('name the function to call (see --help)');
    }
    const network = FabricNetwork.open(networkDir(flags));
    if (network.state.devMode) {
        console.log(submit ? await peerInvoke(network, flags.name, args) : await peerQuery(network, flags.name, args));
        return;
    }
    const connection = connectGateway(network, count('org', flags.org) - 1);
    try {
        const contract = connection.contract(flags.name);
        const result = submit
            ? await contract.submitTransaction(fcn, ...rest)
            : await contract.evaluateTransaction(fcn, ...rest);
        console.log(Buffer.from(result).toString('utf8'));
    } finally {
        connection.close();
    }
}

function status(network: FabricNetwork): void {
    const { state } = network;
    console.log(
        `Fabric ${state.fabricVersion}, channel ${state.channel}, ${String(state.orgs)} orgs, logs in ${network.logDir}`,
    );
    console.log(`orderer 127.0.0.1:${String(state.orderer.port)} (admin ${String(state.orderer.adminPort)})`);
    state.peers.forEach((ports, i) => {
        console.log(`peer0.org${String(i + 1)} ${network.peerAddress(i)} (chaincode ${String(ports.chaincodePort)})`);
    });
    for (const p of network.status()) {
        console.log(`  ${p.alive ? 'running' : 'stopped'}  ${p.name}  pid ${String(p.pid)}  ${p.logFile}`);
    }
}

async function main(argv: readonly string[]): Promise<void> {
    const { values: flags, positionals } = parseArgs({
        args: [...argv],
        options: OPTIONS,
        strict: true,
        allowPositionals: true,
    });
    const [command, ...args] = positionals;
    if (flags.help || command === undefined) {
        console.log(USAGE);
        return;
    }
    switch (command) {
        case 'up':
            return up(flags);
        case 'deploy':
            return deploy(flags);
        case 'init':
            await initChaincode(FabricNetwork.open(networkDir(flags)), flags.name, args);
            console.log(`${flags.name} initialised`);
            return;
        case 'invoke':
        case 'query':
            return transact(flags, args, command === 'invoke');
        case 'status':
            status(FabricNetwork.open(networkDir(flags)));
            return;
        case 'down':
            await FabricNetwork.open(networkDir(flags)).down();
            console.log('network stopped');
            return;
        default:
            throw new Error(`unknown command ${command} (see --help)`);
    }
}

main(process.argv.slice(2)).catch((err: unknown) => {
    console.error(`network: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 1;
});
