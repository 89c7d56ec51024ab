// SPDX-License-Identifier: Apache-2.0
//
// Every category of bad setting or flag, against the built entry point (dist/main.js): the
// process exits 1 before binding anything, with one fatal line naming the setting and its env var.
// The children run once, a few at a time (each loads the whole server); each test reads its own result.

import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTlsFixture, type KeyAndCert, type TlsFixture } from '../../src/testing/certs.ts';
import { ENTRY_POINT } from '../helpers/child-server.ts';
import { FAIL_FAST_MS } from './support.ts';

interface Exit {
    readonly code: number | null;
    /** stdout and stderr together. */
    readonly output: string;
    /** The JSON log lines on stdout. */
    readonly lines: Record<string, unknown>[];
}

interface Case {
    readonly name: string;
    readonly env: () => Record<string, string>;
    readonly args?: readonly string[];
    /** What the fatal line must name: the setting, its env var, and the problem. */
    readonly expect: readonly string[];
    /** What it must not contain (secret values). */
    readonly secret?: string;
}

const DAY_MS = 24 * 60 * 60 * 1000;

let dir: string;
let certs: TlsFixture;
/** Server certificates outside their validity window: expired yesterday, valid from tomorrow. */
let expiredServer: KeyAndCert;
let futureServer: KeyAndCert;
const file = (name: string, content: string): string => {
    const target = path.join(dir, name);
    writeFileSync(target, content);
    return target;
};

const cases: readonly Case[] = [
    {
        name: 'a missing certificate file',
        env: () => ({ CHAINCODE_TLS_KEY: file('k1.pem', certs.server.key), CHAINCODE_TLS_CERT: '/nonexistent/c.pem' }),
        expect: ['tls.certFile', 'CHAINCODE_TLS_CERT', 'cannot read the file'],
    },
    {
        name: 'an unreadable certificate path (a directory)',
        env: () => ({ CHAINCODE_TLS_KEY: file('k2.pem', certs.server.key), CHAINCODE_TLS_CERT: dir }),
        expect: ['tls.certFile', 'CHAINCODE_TLS_CERT', 'cannot read the file'],
    },
    {
        name: 'a file that holds no PEM',
        env: () => ({ CHAINCODE_CLIENT_CA_CERT: file('not.pem', 'hello') }),
        expect: ['tls.clientCaFile', 'CHAINCODE_CLIENT_CA_CERT', 'no PEM block'],
    },
    {
        name: 'a key that does not match its certificate',
        env: () => ({
            CHAINCODE_TLS_KEY: file('client.key', certs.client.key),
            CHAINCODE_TLS_CERT: file('server.crt', certs.server.cert),
        }),
        expect: ['tls.keyFile', 'CHAINCODE_TLS_KEY', 'tls.certFile', 'does not match'],
    },
    {
        name: 'an expired server certificate',
        env: () => ({
            CHAINCODE_TLS_KEY: file('expired.key', expiredServer.key),
            CHAINCODE_TLS_CERT: file('expired.crt', expiredServer.cert),
        }),
        expect: ['tls.certFile', 'CHAINCODE_TLS_CERT', 'the certificate expired on'],
    },
    {
        name: 'a server certificate that is not valid yet',
        env: () => ({
            CHAINCODE_TLS_KEY_PEM: futureServer.key,
            CHAINCODE_TLS_CERT_PEM: futureServer.cert,
        }),
        expect: ['tls.cert', 'CHAINCODE_TLS_CERT_PEM', 'the certificate is not valid before'],
    },
    {
        name: 'a key without a certificate',
        env: () => ({ CHAINCODE_TLS_KEY: file('k3.pem', certs.server.key) }),
        expect: ['tls.certFile', 'CHAINCODE_TLS_CERT', 'no certificate'],
    },
    {
        name: 'a client CA without TLS',
        env: () => ({ CHAINCODE_CLIENT_CA_CERT: file('ca.pem', certs.ca.cert) }),
        expect: ['tls.clientCaFile', 'CHAINCODE_CLIENT_CA_CERT', 'needs TLS'],
    },
    {
        name: 'TLS requested with no key and certificate',
        env: () => ({ CHAINCODE_TLS_DISABLED: 'false' }),
        expect: ['tls.disabled', 'CHAINCODE_TLS_DISABLED', 'no key'],
    },
    {
        name: 'an address without a port',
        env: () => ({ CHAINCODE_SERVER_ADDRESS: 'localhost' }),
        expect: ['chaincode.address', 'CHAINCODE_SERVER_ADDRESS', 'host:port'],
    },
    {
        name: 'a port out of range',
        env: () => ({ CHAINCODE_SERVER_ADDRESS: '', CORE_CHAINCODE_ADDRESS: '0.0.0.0:70000' }),
        expect: ['chaincode.address', 'CORE_CHAINCODE_ADDRESS', 'port from 0 to 65535'],
    },
    {
        name: 'a sidecar port out of range',
        env: () => ({ SIDECAR_ADDRESS: '127.0.0.1:99999' }),
        expect: ['sidecar.address', 'SIDECAR_ADDRESS', 'port from 0 to 65535'],
    },
    {
        name: 'a boolean that is neither true nor false',
        env: () => ({ CHAINCODE_TLS_DISABLED: 'maybe' }),
        expect: ['tls.disabled', 'CHAINCODE_TLS_DISABLED', 'true or false'],
    },
    {
        name: 'an unknown log level',
        env: () => ({ LOG_LEVEL: 'loud' }),
        expect: ['log.level', 'LOG_LEVEL'],
    },
    {
        name: 'a negative grace period',
        env: () => ({ SHUTDOWN_GRACE_MS: '-5' }),
        expect: ['shutdown.graceMs', 'SHUTDOWN_GRACE_MS'],
    },
    {
        name: 'a negative execute timeout',
        env: () => ({ CHAINCODE_EXECUTE_TIMEOUT_MS: '-1' }),
        expect: ['chaincode.executeTimeoutMs', 'CHAINCODE_EXECUTE_TIMEOUT_MS'],
    },
    {
        name: 'a message limit that is not a number',
        env: () => ({ CHAINCODE_MAX_RECEIVE_MESSAGE_BYTES: 'lots' }),
        expect: ['grpc.maxReceiveMessageBytes', 'CHAINCODE_MAX_RECEIVE_MESSAGE_BYTES'],
    },
    ...(
        [
            ['a fractional message limit', 'grpc.maxReceiveMessageBytes', 'CHAINCODE_MAX_RECEIVE_MESSAGE_BYTES', '1.5'],
            [
                'a message limit in exponent notation',
                'grpc.maxReceiveMessageBytes',
                'CHAINCODE_MAX_RECEIVE_MESSAGE_BYTES',
                '1e3',
            ],
            ['a message limit below 4 MiB', 'grpc.maxSendMessageBytes', 'CHAINCODE_MAX_SEND_MESSAGE_BYTES', '10'],
            [
                "a message limit above the peer's 100 MiB",
                'grpc.maxReceiveMessageBytes',
                'CHAINCODE_MAX_RECEIVE_MESSAGE_BYTES',
                '104857601',
            ],
            [
                'an execute timeout in exponent notation',
                'chaincode.executeTimeoutMs',
                'CHAINCODE_EXECUTE_TIMEOUT_MS',
                '1e3',
            ],
            ['a fractional grace period', 'shutdown.graceMs', 'SHUTDOWN_GRACE_MS', '2.9'],
            ['a zero grace period', 'shutdown.graceMs', 'SHUTDOWN_GRACE_MS', '0'],
            ['a zero keepalive', 'keepalive.timeMs', 'CHAINCODE_KEEPALIVE_TIME_MS', '0'],
            ['a number with spaces around it', 'keepalive.timeoutMs', 'CHAINCODE_KEEPALIVE_TIMEOUT_MS', ' 20000 '],
            ['an empty number', 'shutdown.graceMs', 'SHUTDOWN_GRACE_MS', ''],
            ["a dev-mode keepalive under the peer's 60 s", 'peer.keepaliveMs', 'CORE_PEER_KEEPALIVE_MS', '59999'],
        ] as const
    ).map(([name, key, env, value]): Case => ({
        name,
        env: () => ({ [env]: value }),
        expect: [key, env, 'must be a whole number'],
    })),
    {
        name: 'a first reconnect wait longer than the longest (dev mode)',
        env: () => ({
            CHAINCODE_MODE: 'client',
            CORE_PEER_ADDRESS: '127.0.0.1:7052',
            CHAINCODE_RECONNECT_INITIAL_MS: '60000',
            CHAINCODE_RECONNECT_MAX_MS: '1000',
        }),
        expect: ['peer.reconnectInitialMs', 'CHAINCODE_RECONNECT_INITIAL_MS', 'peer.reconnectMaxMs', 'more than'],
    },
    {
        name: 'a misspelt flag',
        env: () => ({}),
        args: ['--chaincode-adress', '127.0.0.1:0'],
        expect: ['unknown flag --chaincode-adress', '--help'],
    },
    {
        name: 'a chaincode id with spaces',
        env: () => ({ CHAINCODE_ID: 'basic 1.0:abc' }),
        expect: ['chaincode.id', 'CHAINCODE_ID', 'without spaces'],
    },
    {
        name: 'an unknown key in a config file',
        env: () => ({
            CHAINCODE_CONFIG_FILE: file('typo.json', JSON.stringify({ chaincode: { adress: '0.0.0.0:1' } })),
        }),
        expect: ['chaincode.adress', 'unknown setting'],
    },
    {
        name: 'a certificate set both as a file and inline',
        env: () => ({
            CHAINCODE_TLS_CERT: file('c4.pem', certs.server.cert),
            CHAINCODE_TLS_CERT_PEM: certs.server.cert,
        }),
        expect: ['tls.certFile', 'CHAINCODE_TLS_CERT', 'tls.cert', 'CHAINCODE_TLS_CERT_PEM', 'not both'],
    },
    {
        name: 'an inline key that is not PEM, without echoing it',
        env: () => ({ CHAINCODE_TLS_KEY_PEM: 'do-not-print-this-secret' }),
        expect: ['tls.key', 'CHAINCODE_TLS_KEY_PEM', 'PEM'],
        secret: 'do-not-print-this-secret',
    },
];

/** Children at a time: more only queue for the CPU and can run into the kill deadline. */
const PARALLEL = 4;
const exits = new Map<string, Exit>();

before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ccaas-config-errors-'));
    certs = await createTlsFixture();
    const hosts = ['localhost'];
    expiredServer = await certs.ca.issue({
        commonName: 'expired',
        hosts,
        usage: 'server',
        notBefore: new Date(Date.now() - 30 * DAY_MS),
        notAfter: new Date(Date.now() - DAY_MS),
    });
    futureServer = await certs.ca.issue({
        commonName: 'future',
        hosts,
        usage: 'server',
        notBefore: new Date(Date.now() + DAY_MS),
        notAfter: new Date(Date.now() + 30 * DAY_MS),
    });
    const queue = [...cases];
    const worker = async (): Promise<void> => {
        for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
            exits.set(next.name, await run(next.env(), next.args));
        }
    };
    await Promise.all(Array.from({ length: PARALLEL }, worker));
});

after(() => {
    rmSync(dir, { recursive: true, force: true });
});

/** Runs the entry point with `env` (plus PATH and loopback addresses) and `args`; kills it if it does not exit. */
function run(env: Record<string, string>, args: readonly string[] = []): Promise<Exit> {
    const child = spawn(process.execPath, [ENTRY_POINT, ...args], {
        cwd: dir,
        env: {
            PATH: process.env.PATH ?? '',
            CHAINCODE_SERVER_ADDRESS: '127.0.0.1:0',
            SIDECAR_ADDRESS: '127.0.0.1:0',
            ...env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
    const kill = setTimeout(() => child.kill('SIGKILL'), FAIL_FAST_MS);
    return new Promise((resolve) => {
        child.on('close', (code) => {
            clearTimeout(kill);
            const output = Buffer.concat(chunks).toString('utf8');
            const lines = output
                .split('\n')
                .filter((line) => line.startsWith('{'))
                .map((line) => JSON.parse(line) as Record<string, unknown>);
            resolve({ code, output, lines });
        });
    });
}

describe('a bad setting stops start-up with exit code 1 and one fatal line naming it', () => {
    for (const { name, expect, secret } of cases) {
        test(name, () => {
            const exit = exits.get(name);
            assert.ok(exit, `no run for ${name}`);
            assert.equal(exit.code, 1, `exit code ${String(exit.code)}; output:\n${exit.output}`);
            const fatal = exit.lines.filter((line) => line.level === 60);
            assert.equal(fatal.length, 1, exit.output);
            const message = String(fatal[0]?.msg);
            for (const expected of expect) {
                assert.ok(message.includes(expected), `"${expected}" missing from: ${message}`);
            }
            assert.ok(!exit.lines.some((line) => line.msg === 'chaincode server listening'), 'it bound a port');
            if (secret !== undefined) {
                assert.ok(!exit.output.includes(secret), 'the secret value was printed');
            }
        });
    }

    test('a config file that does not exist stops start-up with exit code 1 naming the file', async () => {
        const exit = await run({ CHAINCODE_CONFIG_FILE: path.join(dir, 'missing.json') });
        assert.equal(exit.code, 1, exit.output);
        assert.match(String(exit.lines.find((line) => line.level === 60)?.msg), /missing\.json/);
    });
});
