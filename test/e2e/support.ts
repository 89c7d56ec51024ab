// SPDX-License-Identifier: Apache-2.0
//
// What every E2E file shares: one local Fabric network per file (FABRIC_HOME picks the release),
// scenarios that fail with the log tails of the peers and servers, and nothing left running.

import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { FabricNetwork, type NetworkOptions } from '../../src/testing/fabric-network.ts';

/** The file's network and a `scenario()` that runs a test against it. */
export interface E2eNetwork {
    readonly network: FabricNetwork;
    scenario(name: string, fn: (network: FabricNetwork, t: TestContext) => Promise<void>, skip?: string): void;
}

/** Message for a scenario that needs a Fabric 3.x peer. */
export const NEEDS_FABRIC_3 = 'needs a Fabric >= 3.1 peer (write batching, GetMultipleKeys)';

/**
 * Starts a network before the file's tests (then runs `setup`, e.g. deploys) and stops it after;
 * keeps its directory only when something failed.
 */
export function useNetwork(
    options: Omit<NetworkOptions, 'dir'> = {},
    setup?: (network: FabricNetwork) => Promise<void>,
): E2eNetwork {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'ccaas-e2e-'));
    let network: FabricNetwork | undefined;
    let failed = false;
    before(async () => {
        network = await FabricNetwork.up({ dir, ...options });
        try {
            await setup?.(network);
        } catch (err) {
            failed = true;
            const message = errorText(err);
            throw new Error(`${message}\n${network.logTails(30)}`, { cause: err });
        }
    });
    after(async () => {
        await network?.down();
        const left = network?.status().filter((p) => p.alive) ?? [];
        assert.deepEqual(left, [], 'every process of the network is stopped');
        if (failed) {
            console.error(`e2e: logs kept in ${path.join(dir, 'logs')}`);
        } else {
            rmSync(dir, { recursive: true, force: true });
        }
    });
    const current = (): FabricNetwork => {
        assert.ok(network, 'the network is up');
        return network;
    };
    return {
        get network() {
            return current();
        },
        scenario(name, fn, skip) {
            test(name, skip === undefined ? {} : { skip }, async (t) => {
                try {
                    await fn(current(), t);
                } catch (err) {
                    failed = true;
                    const message = errorText(err);
                    throw new Error(`${message}\n${network?.logTails(30) ?? ''}`, { cause: err });
                }
            });
        },
    };
}

/** UTF-8 text of a Gateway result. */
export function utf8(bytes: Uint8Array): string {
    return Buffer.from(bytes).toString('utf8');
}

/** Every detail of a Gateway error (endorsement details included), for assertions on its text. */
export function errorText(err: unknown): string {
    if (!(err instanceof Error)) {
        return String(err);
    }
    const details = (err as { details?: unknown }).details;
    return `${err.message} ${JSON.stringify(details ?? [])} ${err.cause instanceof Error ? err.cause.message : ''}`;
}

/** chaincode_messages_total{direction, type} from a server's sidecar /metrics (0 when absent). */
export async function messageCount(
    sidecarAddress: string,
    direction: 'sent' | 'received',
    type: string,
): Promise<number> {
    const response = await fetch(`http://${sidecarAddress}/metrics`);
    const text = await response.text();
    for (const line of text.split('\n')) {
        const match = /^chaincode_messages_total\{([^}]*)\} (\d+)$/.exec(line);
        const labels = match?.[1]?.split(',') ?? [];
        if (labels.includes(`direction="${direction}"`) && labels.includes(`type="${type}"`)) {
            return Number(match?.[2]);
        }
    }
    return 0;
}
