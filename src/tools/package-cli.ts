// SPDX-License-Identifier: Apache-2.0
//
// The ccaas-package command line: parses flags, checks and lints the inputs, writes the package and prints
// its ID as the last line of stdout. Kept apart from package.ts so tests can run it in-process.

import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { createChaincodePackage } from './chaincode-package.ts';
import type { ConnectionOptions } from './connection-json.ts';
import { readMetaInf } from './meta-inf.ts';
import { addressHost, checkDialTimeout, checkLabel } from './package-options.ts';
import { checkClientPair, checkRootCert, readPemFile } from './pem-checks.ts';
import { ToolError, fsReason } from './tool-error.ts';

/** Where the CLI writes and what relative paths are resolved against. */
export interface CliIo {
    readonly stdout: (line: string) => void;
    readonly stderr: (line: string) => void;
    readonly cwd: string;
}

const NAME = 'ccaas-package';

export const USAGE = `Usage: ${NAME} --label LABEL --address HOST:PORT [options]

Writes a chaincode-as-a-service package for 'peer lifecycle chaincode install' and prints its
package ID (LABEL:sha256) as the last line of stdout. The same inputs always give the same bytes.

  --label LABEL          package label: letters, digits, then also . + - _
  --address HOST:PORT    address the peer dials; may hold {{.key}} placeholders for the builder
  --tls-root-cert FILE   PEM the peer verifies the chaincode server with (a CA or the server cert); turns TLS on
  --client-cert FILE     PEM certificate the peer presents (mutual TLS); needs --client-key and --tls-root-cert
  --client-key FILE      PEM private key of --client-cert
  --domain NAME          TLS server name override (Fabric >= 3.0 peers, with client auth only)
  --dial-timeout D       how long the peer waits to connect, as a Go duration (default 10s)
  --meta-inf DIR         META-INF directory to include (statedb/couchdb/indexes/*.json)
  --out FILE             where to write the package (default LABEL.tar.gz)
  -h, --help             show this help`;

const OPTIONS = {
    label: { type: 'string' },
    address: { type: 'string' },
    'tls-root-cert': { type: 'string' },
    'client-cert': { type: 'string' },
    'client-key': { type: 'string' },
    domain: { type: 'string' },
    'dial-timeout': { type: 'string', default: '10s' },
    'meta-inf': { type: 'string' },
    out: { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
} as const;

type Flags = ReturnType<typeof parseArgs<{ options: typeof OPTIONS; strict: true }>>['values'];

function parseFlags(argv: readonly string[]): Flags {
    try {
        return parseArgs({ args: [...argv], options: OPTIONS, strict: true, allowPositionals: false }).values;
    } catch (err) {
        const message = err instanceof Error ? (err.message.split('\n')[0] ?? err.message) : String(err);
        throw new ToolError(`${message} (see --help)`);
    }
}

function required(value: string | undefined, flag: string): string {
    if (value === undefined || value === '') {
        throw new ToolError(`${flag} is required (see --help)`);
    }
    return value;
}

function domainWarning(clientAuth: boolean): string {
    return clientAuth
        ? "--domain is read only by Fabric >= 3.0 peers (2.x peers verify the address host), and Fabric's " +
              'bundled ccaas_builder drops it; builders/ in this repository keeps it'
        : '--domain has no effect: Fabric >= 3.0 peers apply it only with client auth, 2.x peers never';
}

interface Prepared {
    readonly label: string;
    readonly connection: ConnectionOptions;
    readonly warnings: string[];
}

// Reads and lints everything that goes into connection.json.
function prepareConnection(flags: Flags, cwd: string): Prepared {
    const label = required(flags.label, '--label');
    checkLabel(label);
    const address = required(flags.address, '--address');
    const host = addressHost(address);
    const dialTimeout = flags['dial-timeout'];
    checkDialTimeout(dialTimeout);

    const rootFile = flags['tls-root-cert'];
    const certFile = flags['client-cert'];
    const keyFile = flags['client-key'];
    if ((certFile === undefined) !== (keyFile === undefined)) {
        throw new ToolError('--client-cert and --client-key must be given together');
    }
    const clientAuth = certFile !== undefined;
    if (clientAuth && rootFile === undefined) {
        throw new ToolError('--client-cert and --client-key need --tls-root-cert: client auth runs over TLS');
    }

    const warnings: string[] = [];
    const domain = flags.domain;
    if (domain !== undefined) {
        warnings.push(domainWarning(clientAuth));
    }
    let connection: ConnectionOptions = { address, dialTimeout, ...(domain === undefined ? {} : { domain }) };
    if (rootFile !== undefined) {
        const rootCert = readPemFile(resolve(cwd, rootFile), '--tls-root-cert');
        const serverName = domain !== undefined && clientAuth ? domain : host;
        warnings.push(...checkRootCert(rootCert, serverName));
        connection = { ...connection, rootCert };
    }
    if (certFile !== undefined && keyFile !== undefined) {
        const clientCert = readPemFile(resolve(cwd, certFile), '--client-cert');
        const clientKey = readPemFile(resolve(cwd, keyFile), '--client-key');
        warnings.push(...checkClientPair(clientCert, clientKey));
        connection = { ...connection, clientCert, clientKey };
    }
    return { label, connection, warnings };
}

async function run(argv: readonly string[], io: CliIo): Promise<void> {
    const flags = parseFlags(argv);
    if (flags.help) {
        io.stdout(USAGE);
        return;
    }
    const { label, connection, warnings } = prepareConnection(flags, io.cwd);
    const metaInfDir = flags['meta-inf'];
    const metaInf = metaInfDir === undefined ? undefined : readMetaInf(resolve(io.cwd, metaInfDir));
    warnings.push(...(metaInf?.warnings ?? []));

    const pkg = await createChaincodePackage({ label, connection, metaInf: metaInf?.files ?? [] });
    const out = resolve(io.cwd, flags.out ?? `${label}.tar.gz`);
    try {
        writeFileSync(out, pkg.bytes);
    } catch (err) {
        throw new ToolError(`cannot write "${out}": ${fsReason(err)}`);
    }
    for (const warning of warnings) {
        io.stderr(`${NAME}: warning: ${warning}`);
    }
    io.stderr(`${NAME}: wrote ${out} (${pkg.bytes.length} bytes)`);
    io.stdout(pkg.packageId);
}

/** Runs the command; returns the exit code (0, or 1 after printing one error line). */
export async function runPackageCli(argv: readonly string[], io: CliIo): Promise<number> {
    try {
        await run(argv, io);
        return 0;
    } catch (err) {
        if (err instanceof ToolError) {
            io.stderr(`${NAME}: error: ${err.message}`);
            return 1;
        }
        throw err;
    }
}
