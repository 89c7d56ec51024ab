// SPDX-License-Identifier: Apache-2.0
//
// Settings: defaults, precedence (default < file < env < flag), every env alias, and a
// clear error naming the setting and its env var for each kind of bad value.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { DEVELOPMENT_CHAINCODE_ID, loadConfig } from '../../src/config/load-config.ts';
import { ConfigError } from '../../src/config/config-error.ts';
import { createTlsFixture, type TlsFixture } from '../../src/testing/certs.ts';
import { PEER_MESSAGE_LIMIT } from '../../src/wire/limits.ts';

let dir: string;
let certs: TlsFixture;
const file = (name: string, content: string): string => {
    const target = path.join(dir, name);
    writeFileSync(target, content);
    return target;
};

before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'ccaas-config-'));
    certs = await createTlsFixture();
    return () => {
        rmSync(dir, { recursive: true, force: true });
    };
});

const load = (env: Record<string, string> = {}, args: string[] = []): ReturnType<typeof loadConfig> =>
    loadConfig({ env, args });

function assertConfigError(fn: () => unknown, ...patterns: RegExp[]): void {
    assert.throws(fn, (err: unknown) => {
        assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
        for (const pattern of patterns) {
            assert.match(err.message, pattern);
        }
        return true;
    });
}

describe('defaults', () => {
    test('start on 0.0.0.0:9999 with a development chaincode id and no TLS', () => {
        const { config } = load();
        assert.equal(config.chaincode.address, '0.0.0.0:9999');
        assert.equal(config.chaincode.id, DEVELOPMENT_CHAINCODE_ID);
        assert.equal(config.developmentId, true);
        assert.equal(config.tls, undefined);
        assert.equal(config.sidecar.address, '0.0.0.0:9000');
        assert.equal(config.grpc.maxReceiveMessageBytes, PEER_MESSAGE_LIMIT);
    });

    test('never read the machine environment', () => {
        process.env.CHAINCODE_ID = 'leaked:1';
        try {
            assert.equal(load().config.developmentId, true);
        } finally {
            delete process.env.CHAINCODE_ID;
        }
    });
});

describe('precedence', () => {
    test('default < file < env < flag', () => {
        const settings = file('precedence.json', JSON.stringify({ chaincode: { address: '10.0.0.1:1111' } }));
        assert.equal(load({ CHAINCODE_CONFIG_FILE: settings }).config.chaincode.address, '10.0.0.1:1111');
        const env = { CHAINCODE_CONFIG_FILE: settings, CHAINCODE_SERVER_ADDRESS: '10.0.0.2:2222' };
        assert.equal(load(env).config.chaincode.address, '10.0.0.2:2222');
        const { config, sources } = load(env, ['--chaincode-address', '10.0.0.3:3333']);
        assert.equal(config.chaincode.address, '10.0.0.3:3333');
        assert.equal(sources['chaincode.address'], '--chaincode-address');
    });

    test("fabric-shim's --chaincode-id-name sets the package ID, as --chaincode-id does", () => {
        const { config } = load({ CHAINCODE_ID: 'env:1' }, ['--chaincode-id-name', 'mycc:1.0']);
        assert.equal(config.chaincode.id, 'mycc:1.0');
    });

    test('--config names the files, loaded in order', () => {
        const first = file('first.json', JSON.stringify({ log: { level: 'debug' }, shutdown: { graceMs: 1000 } }));
        const second = file('second.json', JSON.stringify({ shutdown: { graceMs: 2000 } }));
        const { config } = load({}, [`--config=${first},${second}`]);
        assert.deepEqual([config.log.level, config.shutdown.graceMs], ['debug', 2000]);
    });
});

describe('env aliases', () => {
    const cases: [string, string, string, string][] = [
        ['chaincode.id', 'CHAINCODE_ID', 'a:1', 'a:1'],
        ['chaincode.id', 'CORE_CHAINCODE_ID', 'b:2', 'b:2'],
        ['chaincode.id', 'CORE_CHAINCODE_ID_NAME', 'c:3', 'c:3'],
        ['chaincode.address', 'CHAINCODE_SERVER_ADDRESS', '127.0.0.1:7000', '127.0.0.1:7000'],
        ['chaincode.address', 'CORE_CHAINCODE_ADDRESS', '127.0.0.1:7001', '127.0.0.1:7001'],
        ['chaincode.mspId', 'CORE_PEER_LOCALMSPID', 'Org1MSP', 'Org1MSP'],
    ];
    for (const [key, name, value, expected] of cases) {
        test(`${name} sets ${key} and is logged as its source`, () => {
            const { config, sources } = load({ [name]: value });
            const [group, setting] = key.split('.') as ['chaincode', 'id' | 'address' | 'mspId'];
            assert.equal(config[group][setting], expected);
            assert.equal(sources[key], name);
        });
    }

    test('CHAINCODE_ID wins over CORE_CHAINCODE_ID, which wins over CORE_CHAINCODE_ID_NAME', () => {
        const all = { CHAINCODE_ID: 'a:1', CORE_CHAINCODE_ID: 'b:2', CORE_CHAINCODE_ID_NAME: 'c:3' };
        assert.equal(load(all).config.chaincode.id, 'a:1');
        assert.equal(load({ CORE_CHAINCODE_ID: 'b:2', CORE_CHAINCODE_ID_NAME: 'c:3' }).config.chaincode.id, 'b:2');
    });

    test('CHAINCODE_SERVER_ADDRESS wins over CORE_CHAINCODE_ADDRESS', () => {
        const env = { CHAINCODE_SERVER_ADDRESS: '0.0.0.0:1', CORE_CHAINCODE_ADDRESS: '0.0.0.0:2' };
        assert.equal(load(env).config.chaincode.address, '0.0.0.0:1');
    });

    for (const names of [
        ['CHAINCODE_TLS_KEY', 'CHAINCODE_TLS_CERT', 'CHAINCODE_CLIENT_CA_CERT'],
        ['CORE_CHAINCODE_TLS_KEY_FILE', 'CORE_CHAINCODE_TLS_CERT_FILE', 'CORE_CHAINCODE_TLS_CLIENT_CACERT_FILE'],
    ] as const) {
        test(`${names.join(', ')} turn on mutual TLS`, () => {
            const env = {
                [names[0]]: file('server.key', certs.server.key),
                [names[1]]: file('server.crt', certs.server.cert),
                [names[2]]: file('ca.crt', certs.ca.cert),
            };
            const { config, sources } = load(env);
            assert.equal(config.tls?.cert.toString(), certs.server.cert);
            assert.equal(config.tls.clientCa?.toString(), certs.ca.cert);
            assert.equal(sources['tls.keyFile'], names[0]);
        });
    }

    test('fabric-chaincode-node flags set the id, address and TLS files', () => {
        const { config } = load({}, [
            '--chaincode-id',
            'flag:1',
            '--chaincode-address',
            '127.0.0.1:9',
            '--chaincode-tls-key-file',
            file('k.pem', certs.server.key),
            '--chaincode-tls-cert-file',
            file('c.pem', certs.server.cert),
            '--chaincode-tls-client-cacert-file',
            file('ca.pem', certs.ca.cert),
        ]);
        assert.deepEqual([config.chaincode.id, config.chaincode.address], ['flag:1', '127.0.0.1:9']);
        assert.ok(config.tls?.clientCa);
    });

    test('CHAINCODE_TLS_DISABLED=true keeps TLS off even with files set', () => {
        const env = {
            CHAINCODE_TLS_DISABLED: 'true',
            CHAINCODE_TLS_KEY: file('k2.pem', certs.server.key),
            CHAINCODE_TLS_CERT: file('c2.pem', certs.server.cert),
        };
        assert.equal(load(env).config.tls, undefined);
    });

    test('inline PEM settings work and the key is masked in the summary', () => {
        const { config, summary } = load({
            CHAINCODE_TLS_KEY_PEM: certs.server.key,
            CHAINCODE_TLS_CERT_PEM: certs.server.cert,
        });
        assert.equal(config.tls?.key.toString(), certs.server.key);
        assert.ok(!summary.includes('PRIVATE KEY'));
        assert.match(summary, /\[Sensitive\]/);
    });
});

describe('bad settings exit with a message naming the setting, its env var and the problem', () => {
    test('a missing certificate file', () => {
        assertConfigError(
            () =>
                load({
                    CHAINCODE_TLS_KEY: file('k3.pem', certs.server.key),
                    CHAINCODE_TLS_CERT: '/nonexistent/cert.pem',
                }),
            /tls\.certFile/,
            /CHAINCODE_TLS_CERT/,
            /cannot read the file/,
        );
    });

    test('an unreadable certificate path (a directory)', () => {
        assertConfigError(() => load({ CHAINCODE_TLS_CERT: dir }), /tls\.certFile/, /cannot read the file/);
    });

    test('a file that holds no PEM', () => {
        assertConfigError(
            () => load({ CHAINCODE_CLIENT_CA_CERT: file('not.pem', 'hello') }),
            /tls\.clientCaFile/,
            /CHAINCODE_CLIENT_CA_CERT/,
            /no PEM block/,
        );
    });

    test('a key that does not match the certificate', () => {
        assertConfigError(
            () =>
                load({
                    CHAINCODE_TLS_KEY: file('client.key', certs.client.key),
                    CHAINCODE_TLS_CERT: file('server2.crt', certs.server.cert),
                }),
            /tls\.keyFile/,
            /CHAINCODE_TLS_KEY/,
            /does not match/,
        );
    });

    test('a key without a certificate', () => {
        assertConfigError(
            () => load({ CHAINCODE_TLS_KEY: file('k4.pem', certs.server.key) }),
            /tls\.certFile/,
            /no certificate/,
        );
    });

    test('a client CA without TLS', () => {
        assertConfigError(() => load({ CHAINCODE_CLIENT_CA_CERT: file('ca2.pem', certs.ca.cert) }), /needs TLS/);
    });

    test('TLS requested with no key and certificate', () => {
        assertConfigError(() => load({ CHAINCODE_TLS_DISABLED: 'false' }), /CHAINCODE_TLS_DISABLED/, /no key/);
    });

    test('a bad address', () => {
        assertConfigError(
            () => load({ CHAINCODE_SERVER_ADDRESS: 'localhost' }),
            /chaincode\.address/,
            /CHAINCODE_SERVER_ADDRESS/,
            /host:port/,
        );
        assertConfigError(() => load({ CORE_CHAINCODE_ADDRESS: '0.0.0.0:70000' }), /CORE_CHAINCODE_ADDRESS/);
    });

    test('a config file that is missing or not JSON', () => {
        assertConfigError(
            () => load({ CHAINCODE_CONFIG_FILE: path.join(dir, 'absent.json') }),
            /absent\.json/,
            /CHAINCODE_CONFIG_FILE/,
            /--config/,
        );
        assertConfigError(
            () => load({}, ['--config', file('broken.json', '{"chaincode": ')]),
            /broken\.json/,
            /cannot load/,
        );
    });

    test('an unknown key in the config file', () => {
        const settings = file('typo.json', JSON.stringify({ chaincode: { adress: '0.0.0.0:1' } }));
        assertConfigError(() => load({ CHAINCODE_CONFIG_FILE: settings }), /chaincode\.adress/, /unknown setting/);
    });

    test('a value of the wrong kind', () => {
        assertConfigError(() => load({ CHAINCODE_TLS_DISABLED: 'maybe' }), /tls\.disabled/, /true or false/);
        assertConfigError(() => load({ LOG_LEVEL: 'loud' }), /log\.level/, /LOG_LEVEL/);
        assertConfigError(() => load({ SHUTDOWN_GRACE_MS: '-5' }), /shutdown\.graceMs/, /SHUTDOWN_GRACE_MS/);
    });

    test('a file path and inline PEM for the same setting', () => {
        assertConfigError(
            () =>
                load({
                    CHAINCODE_TLS_CERT: file('c5.pem', certs.server.cert),
                    CHAINCODE_TLS_CERT_PEM: certs.server.cert,
                }),
            /either/,
        );
    });
});
