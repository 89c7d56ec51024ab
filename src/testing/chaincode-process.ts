// SPDX-License-Identifier: Apache-2.0
//
// Our chaincode server as a process of the local network: its TLS material (a CA of its own, a
// server certificate for 127.0.0.1, a client certificate for the peers), its environment, its start.

import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { createCertificateAuthority } from './certs.ts';
import { httpOk, startProcess, stopProcess, waitUntilReady, type ProcessRecord } from './fabric-process.ts';

/** plain: no TLS; tls: the peer checks our certificate; mutual: we check the peer's too. */
export type ServerTls = 'plain' | 'tls' | 'mutual';

/** Files written by `writeServerTls()`. */
export interface ServerTlsFiles {
    readonly caCert: string;
    readonly serverCert: string;
    readonly serverKey: string;
    /** What the peer presents when it dials us (goes into connection.json). */
    readonly clientCert: string;
    readonly clientKey: string;
}

/** Makes a CA, a server certificate for 127.0.0.1/localhost and a client certificate, in `dir`. */
export async function writeServerTls(dir: string): Promise<ServerTlsFiles> {
    mkdirSync(dir, { recursive: true });
    const ca = await createCertificateAuthority('chaincode server CA');
    const server = await ca.issue({ commonName: 'chaincode', hosts: ['127.0.0.1', 'localhost'], usage: 'server' });
    const client = await ca.issue({ commonName: 'peer', usage: 'client' });
    const files: ServerTlsFiles = {
        caCert: path.join(dir, 'ca.pem'),
        serverCert: path.join(dir, 'server.pem'),
        serverKey: path.join(dir, 'server-key.pem'),
        clientCert: path.join(dir, 'client.pem'),
        clientKey: path.join(dir, 'client-key.pem'),
    };
    writeFileSync(files.caCert, ca.cert);
    writeFileSync(files.serverCert, server.cert);
    writeFileSync(files.serverKey, server.key, { mode: 0o600 });
    writeFileSync(files.clientCert, client.cert);
    writeFileSync(files.clientKey, client.key, { mode: 0o600 });
    return files;
}

/** A chaincode server started by `deploy`. */
export interface ServerRecord extends ProcessRecord {
    /** Where it listens; in client (dev) mode the peer chaincode listener it dials. */
    readonly address: string;
    readonly sidecarAddress: string;
    readonly packageId: string;
}

/** How to run one chaincode server. */
export interface ServerSpec {
    readonly name: string;
    readonly packageId: string;
    readonly port: number;
    readonly sidecarPort: number;
    readonly tls: ServerTls;
    readonly tlsFiles: ServerTlsFiles;
    readonly logFile: string;
    /** CHAINCODE_MODULE: a module to serve instead of src/chaincode/. */
    readonly chaincodeModule?: string;
    /** Run dist/main.js (after `npm run build`) instead of src/main.ts under tsx. */
    readonly useDist?: boolean;
    /** Dev mode: dial this peer chaincode listener (CHAINCODE_MODE=client) instead of serving on `port`. */
    readonly peerChaincodeAddress?: string;
    /** More settings for the server (e.g. CHAINCODE_KEEPALIVE_TIME_MS). */
    readonly env?: Readonly<Record<string, string>>;
}

const REPO = path.resolve(import.meta.dirname, '..', '..');

/** The server's settings, named as in the README's configuration table. */
export function serverEnv(spec: ServerSpec): Record<string, string> {
    const env: Record<string, string> = {
        PATH: process.env.PATH ?? '',
        CHAINCODE_ID: spec.packageId,
        CHAINCODE_SERVER_ADDRESS: `127.0.0.1:${String(spec.port)}`,
        SIDECAR_ADDRESS: `127.0.0.1:${String(spec.sidecarPort)}`,
        LOG_LEVEL: 'info',
        CORE_CHAINCODE_LOGGING_LEVEL: 'WARNING',
    };
    if (spec.peerChaincodeAddress !== undefined) {
        env.CHAINCODE_MODE = 'client';
        env.CORE_PEER_ADDRESS = spec.peerChaincodeAddress;
        delete env.CHAINCODE_SERVER_ADDRESS;
    } else if (spec.tls !== 'plain') {
        env.CHAINCODE_TLS_CERT = spec.tlsFiles.serverCert;
        env.CHAINCODE_TLS_KEY = spec.tlsFiles.serverKey;
    }
    if (spec.tls === 'mutual' && spec.peerChaincodeAddress === undefined) {
        env.CHAINCODE_CLIENT_CA_CERT = spec.tlsFiles.caCert;
    }
    if (spec.chaincodeModule !== undefined) {
        env.CHAINCODE_MODULE = path.resolve(spec.chaincodeModule);
    }
    return { ...env, ...spec.env };
}

/** Starts the server and waits for its sidecar's /readyz (in client mode: until the peer registered it). */
export async function startChaincodeServer(spec: ServerSpec): Promise<ServerRecord> {
    const dist = path.join(REPO, 'dist', 'main.js');
    const useDist = spec.useDist === true;
    if (useDist && !existsSync(dist)) {
        throw new Error(`${dist} does not exist: run \`npm run build\` first`);
    }
    const needsTsx = !useDist || spec.chaincodeModule?.endsWith('.ts') === true;
    const args = [...(needsTsx ? ['--import', 'tsx'] : []), useDist ? dist : path.join(REPO, 'src', 'main.ts')];
    const record = startProcess({
        name: spec.name,
        command: process.execPath,
        args,
        env: serverEnv(spec),
        logFile: spec.logFile,
        cwd: REPO,
    });
    const sidecarAddress = `127.0.0.1:${String(spec.sidecarPort)}`;
    try {
        await waitUntilReady(record, () => httpOk(`http://${sidecarAddress}/readyz`));
    } catch (err) {
        await stopProcess(record);
        throw err;
    }
    const address = spec.peerChaincodeAddress ?? `127.0.0.1:${String(spec.port)}`;
    return { ...record, address, sidecarAddress, packageId: spec.packageId };
}
