// SPDX-License-Identifier: Apache-2.0
//
// Strict settings: whole numbers within each setting's bounds, the reconnect bounds in order,
// unknown flags refused, --help generated from the schema, and config-file values attributed
// to their file in the sources the start-up log prints.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { before, describe, test } from 'node:test';
import { ConfigError } from '../../src/config/config-error.ts';
import { parseFlags } from '../../src/config/flags.ts';
import { helpText } from '../../src/config/help.ts';
import { loadConfig } from '../../src/config/load-config.ts';
import { envNames, flatSchema } from '../../src/config/settings.ts';
import { PEER_MESSAGE_LIMIT } from '../../src/wire/limits.ts';

let dir: string;

before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ccaas-config-strict-'));
    return () => {
        rmSync(dir, { recursive: true, force: true });
    };
});

function configError(fn: () => unknown): string {
    let message = '';
    assert.throws(fn, (err: unknown) => {
        assert.ok(err instanceof ConfigError, `expected ConfigError, got ${String(err)}`);
        message = err.message;
        return true;
    });
    return message;
}

const INTEGER_SETTINGS = Object.entries(flatSchema()).filter(([, spec]) => spec.min !== undefined);

describe('whole-number settings', () => {
    test('every one declares min <= default <= max', () => {
        assert.deepEqual(INTEGER_SETTINGS.map(([key]) => key).sort(), [
            'chaincode.executeTimeoutMs',
            'grpc.maxReceiveMessageBytes',
            'grpc.maxSendMessageBytes',
            'keepalive.timeMs',
            'keepalive.timeoutMs',
            'peer.keepaliveMs',
            'peer.reconnectInitialMs',
            'peer.reconnectMaxMs',
            'shutdown.graceMs',
        ]);
        for (const [key, spec] of INTEGER_SETTINGS) {
            assert.equal(typeof spec.max, 'number', key);
            assert.ok(Number(spec.min) <= Number(spec.default) && Number(spec.default) <= Number(spec.max), key);
        }
    });

    const bad = ['1.5', '1e3', '', ' 5000', '5000 ', '-1', '+5000', '0x10', '5_000', 'lots', '99999999999999999999'];
    for (const [key, spec] of INTEGER_SETTINGS) {
        test(`${key} refuses anything but plain digits within its bounds`, () => {
            const env = String(spec.env);
            for (const value of bad) {
                const message = configError(() => loadConfig({ env: { [env]: value }, args: [] }));
                assert.ok(message.startsWith(`${key} (env ${env})`), message);
                assert.match(message, /must be a whole number of \w+ from \d+ to \d+/);
            }
            for (const value of [Number(spec.min) - 1, Number(spec.max) + 1].filter((v) => v >= 0)) {
                configError(() => loadConfig({ env: { [env]: String(value) }, args: [] }));
            }
            for (const value of [spec.min, spec.max]) {
                assert.doesNotThrow(() => loadConfig({ env: { [env]: String(value) }, args: [] }), `${key}=${value}`);
            }
        });
    }

    test('the bounds the operations guide states', () => {
        const spec = flatSchema();
        assert.deepEqual(
            [spec['grpc.maxReceiveMessageBytes']?.min, spec['grpc.maxReceiveMessageBytes']?.max],
            [4 * 1024 * 1024, PEER_MESSAGE_LIMIT],
        );
        assert.equal(spec['keepalive.timeMs']?.min, 5_000);
        assert.equal(spec['peer.keepaliveMs']?.min, 60_000);
        assert.equal(spec['chaincode.executeTimeoutMs']?.min, 0);
        assert.equal(spec['shutdown.graceMs']?.min, 1);
    });

    test('a config file number is checked the same way', () => {
        const file = path.join(dir, 'fraction.json');
        writeFileSync(file, JSON.stringify({ shutdown: { graceMs: 2.9 } }));
        const message = configError(() => loadConfig({ env: { CHAINCODE_CONFIG_FILE: file }, args: [] }));
        assert.match(message, /^shutdown\.graceMs \(env SHUTDOWN_GRACE_MS\): must be a whole number/);
        writeFileSync(file, JSON.stringify({ shutdown: { graceMs: '2000' } }));
        assert.equal(loadConfig({ env: { CHAINCODE_CONFIG_FILE: file }, args: [] }).config.shutdown.graceMs, 2000);
    });

    test('client mode refuses a first reconnect wait longer than the longest', () => {
        const env = {
            CHAINCODE_MODE: 'client',
            CORE_PEER_ADDRESS: '127.0.0.1:7052',
            CHAINCODE_RECONNECT_INITIAL_MS: '5000',
            CHAINCODE_RECONNECT_MAX_MS: '1000',
        };
        const message = configError(() => loadConfig({ env, args: [] }));
        assert.match(message, /peer\.reconnectInitialMs \(env CHAINCODE_RECONNECT_INITIAL_MS\)/);
        assert.match(message, /peer\.reconnectMaxMs \(env CHAINCODE_RECONNECT_MAX_MS\)/);
        const equal = { ...env, CHAINCODE_RECONNECT_MAX_MS: '5000' };
        assert.equal(loadConfig({ env: equal, args: [] }).config.peer?.reconnectMaxMs, 5000);
    });
});

describe('flags', () => {
    test('an unknown flag, a flag without its value and a stray argument are each named', () => {
        assert.match(
            configError(() => parseFlags(['--chaincode-adress', '127.0.0.1:1'])),
            /unknown flag --chaincode-adress/,
        );
        assert.match(
            configError(() => parseFlags(['-x'])),
            /unknown flag -x/,
        );
        assert.match(
            configError(() => parseFlags(['--chaincode-id'])),
            /--chaincode-id needs a value/,
        );
        assert.match(
            configError(() => parseFlags(['server'])),
            /unexpected argument "server"/,
        );
        assert.match(
            configError(() => parseFlags(['--help=yes'])),
            /--help takes no value/,
        );
        const both = configError(() => loadConfig({ env: {}, args: ['--log-levl=debug', '--sidecar-adress=x'] }));
        assert.match(both, /--log-levl.*--sidecar-adress/);
    });

    test('every declared flag, --config and --help are accepted in both spellings', () => {
        const flags = parseFlags(['--peer.address', 'p:1', '--log-level=debug', '--config', 'a.json']);
        assert.deepEqual(flags.settings, { 'peer.address': 'p:1', 'log.level': 'debug' });
        assert.equal(flags.config, 'a.json');
        assert.equal(flags.help, false);
        assert.equal(parseFlags(['-h']).help, true);
        assert.equal(parseFlags(['--help']).help, true);
    });
});

describe('--help', () => {
    test('lists every setting with its env vars, flag and default', () => {
        const text = helpText();
        for (const [key, spec] of Object.entries(flatSchema())) {
            const block = text.slice(text.indexOf(`\n  ${key}\n`));
            assert.ok(text.includes(`\n  ${key}\n`), `${key} missing`);
            const entry = block.slice(0, block.indexOf('\n\n', 1));
            for (const env of envNames(spec)) {
                assert.ok(entry.includes(env), `${key}: ${env} missing from\n${entry}`);
            }
            if (spec.arg !== undefined) {
                assert.ok(entry.includes(`--${spec.arg}`), `${key}: --${spec.arg} missing`);
            }
            const shown = spec.default === null ? 'unset' : JSON.stringify(spec.default).replace(/^"|"$/g, '');
            assert.ok(entry.includes(`default: ${shown}`), `${key}: default ${shown} missing from\n${entry}`);
            if (spec.min !== undefined) {
                assert.ok(entry.includes(`from ${String(spec.min)} to ${String(spec.max)}`), `${key}: bounds missing`);
            }
        }
    });
});

describe('sources', () => {
    test('a value from a config file is attributed to the file, unless env or a flag overrides it', () => {
        const first = path.join(dir, 'a.json');
        const second = path.join(dir, 'b.json');
        writeFileSync(first, JSON.stringify({ log: { level: 'debug' }, shutdown: { graceMs: 1000 } }));
        writeFileSync(second, JSON.stringify({ shutdown: { graceMs: 2000 }, sidecar: { address: '127.0.0.1:1' } }));
        const { sources } = loadConfig({
            env: { CHAINCODE_CONFIG_FILE: `${first},${second}`, SIDECAR_ADDRESS: '127.0.0.1:2' },
            args: ['--log-level', 'warn'],
        });
        assert.equal(sources['shutdown.graceMs'], `file:${second}`);
        assert.equal(sources['sidecar.address'], 'SIDECAR_ADDRESS');
        assert.equal(sources['log.level'], '--log-level');
    });

    test('a relative config file path is attributed by its absolute path', () => {
        const relative = path.relative(process.cwd(), path.join(dir, 'rel.json'));
        writeFileSync(relative, JSON.stringify({ log: { level: 'debug' } }));
        const { sources } = loadConfig({ env: {}, args: [`--config=${relative}`] });
        assert.equal(sources['log.level'], `file:${path.resolve(relative)}`);
    });
});
