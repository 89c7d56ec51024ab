// SPDX-License-Identifier: Apache-2.0
//
// A parity scenario: the same script of transactions driven through two fake peers (same
// creator, txids, timestamps, transient data and seeded ledger), one per shim, compared step
// by step. A step marked `differs` is a documented deliberate difference and asserts how.

import assert from 'node:assert/strict';
import {
    FakePeer,
    InMemoryLedger,
    type CreatorIdentity,
    type FakePeerOptions,
    type InvokeOptions,
    type InvokeChaincodeHandler,
} from '../../../src/testing/index.ts';
import { PARITY_CHAINCODE_ID } from './sides.ts';
import { comparable, recordOf, type StepRecord } from './transcript.ts';

export interface Step {
    readonly args: readonly string[];
    readonly transient?: Readonly<Record<string, string>>;
    readonly init?: boolean;
    /** A deliberate difference (listed in the README): asserts how the two records differ. */
    readonly differs?: (fabricShim: StepRecord, ours: StepRecord) => void;
    /**
     * A deliberate difference where fabric-shim cannot serialise what the contract set, and
     * its stream to the peer breaks (every transaction on it is lost): asserts that the
     * stream ended without an answer, and our record; later steps use a new stream.
     */
    readonly fabricShimBreaksStream?: (ours: StepRecord) => void;
    /**
     * A deliberate difference where fabric-shim never answers (a throwing Invoke): asserts our
     * record, and that fabric-shim's answer is still missing after every later step has been
     * answered on the same stream. Not allowed as a scenario's last step.
     */
    readonly fabricShimNeverAnswers?: (ours: StepRecord) => void;
}

export interface Scenario {
    /** Names the chaincode or contract under test, for the count of what was compared. */
    readonly name: string;
    readonly steps: readonly Step[];
    readonly seed?: (ledger: InMemoryLedger) => void;
    readonly onInvokeChaincode?: InvokeChaincodeHandler;
    readonly ready?: FakePeerOptions['ready'];
}

export interface ScenarioResult {
    readonly compared: number;
    readonly deliberate: number;
    readonly fabricShim: readonly StepRecord[];
    readonly ours: readonly StepRecord[];
}

const BASE_TIME = Date.UTC(2026, 0, 15, 9, 30, 0, 250);

async function connectedPeer(
    address: string,
    scenario: Scenario,
    creator: CreatorIdentity,
    existing?: InMemoryLedger,
): Promise<FakePeer> {
    let ledger = existing;
    if (ledger === undefined) {
        ledger = new InMemoryLedger();
        scenario.seed?.(ledger);
    }
    const options: FakePeerOptions = {
        chaincodeId: PARITY_CHAINCODE_ID,
        creator,
        ledger,
        ...(scenario.onInvokeChaincode === undefined ? {} : { onInvokeChaincode: scenario.onInvokeChaincode }),
        ...(scenario.ready === undefined ? {} : { ready: scenario.ready }),
    };
    const peer = new FakePeer(options);
    await peer.connect(address);
    return peer;
}

function describeStep(scenario: Scenario, index: number, step: Step): string {
    return `${scenario.name} step ${index} [${step.args.map((a) => JSON.stringify(a)).join(' ')}]`;
}

/** Runs `step` and records it, with the protocol violations the fake peer saw meanwhile. */
async function invokeRecorded(peer: FakePeer, step: Step, options: InvokeOptions): Promise<StepRecord> {
    const seen = peer.violations.length;
    const result = await peer.invoke(step.args, options);
    // A request sent after the final message is seen on a later turn: let the stream deliver it.
    await new Promise((resolve) => setImmediate(resolve));
    return recordOf(result, peer.violations.slice(seen));
}

/** Sends `step` to fabric-shim without waiting; `answered` says whether an answer has arrived yet. */
function neverAnswers(
    peer: FakePeer,
    step: Step,
    options: InvokeOptions,
    label: string,
): { label: string; answered: () => boolean } {
    let answered = false;
    peer.invoke(step.args, options).then(
        () => {
            answered = true;
        },
        () => undefined, // rejected when the peer closes at the end: still unanswered
    );
    return { label, answered: () => answered };
}

/** Sends `step`; true when the stream ends before an answer arrives (false when one does). */
function streamBreaks(peer: FakePeer, step: Step, options: InvokeOptions): Promise<boolean> {
    return Promise.race([
        peer.invoke(step.args, options).then(
            () => false,
            () => true,
        ),
        peer.ended.then(() => true),
    ]);
}

/** Runs `scenario` on both servers (each step on both at once) and compares every step. */
export async function runScenario(
    scenario: Scenario,
    fabricShimAddress: string,
    ourAddress: string,
    creator: CreatorIdentity,
): Promise<ScenarioResult> {
    const peers: [FakePeer, FakePeer] = await Promise.all([
        connectedPeer(fabricShimAddress, scenario, creator),
        connectedPeer(ourAddress, scenario, creator),
    ]);
    const records: [StepRecord[], StepRecord[]] = [[], []];
    let deliberate = 0;
    const failures: string[] = [];
    const unanswered: { label: string; answered: () => boolean }[] = [];
    try {
        for (const [index, step] of scenario.steps.entries()) {
            const options: InvokeOptions = {
                txId: `${scenario.name}-${index}`,
                timestamp: new Date(BASE_TIME + index * 1001),
                ...(step.transient === undefined ? {} : { transient: step.transient }),
                ...(step.init === undefined ? {} : { init: step.init }),
            };
            if (process.env.PARITY_TRACE !== undefined) {
                process.stderr.write(`${describeStep(scenario, index, step)}\n`);
            }
            if (step.fabricShimNeverAnswers !== undefined) {
                deliberate++;
                unanswered.push(neverAnswers(peers[0], step, options, describeStep(scenario, index, step)));
                const ours = await invokeRecorded(peers[1], step, options);
                try {
                    step.fabricShimNeverAnswers(ours);
                } catch (err) {
                    failures.push(`${describeStep(scenario, index, step)}: ${String(err)}`);
                }
                continue;
            }
            if (step.fabricShimBreaksStream !== undefined) {
                deliberate++;
                const label = describeStep(scenario, index, step);
                const [broken, ours] = await Promise.all([
                    streamBreaks(peers[0], step, options),
                    invokeRecorded(peers[1], step, options),
                ]);
                if (index < scenario.steps.length - 1) {
                    peers[0] = await connectedPeer(fabricShimAddress, scenario, creator, peers[0].ledger);
                }
                try {
                    assert.equal(broken, true, 'fabric-shim answered; expected its stream to break');
                    step.fabricShimBreaksStream(ours);
                } catch (err) {
                    failures.push(`${label}: ${String(err)}`);
                }
                continue;
            }
            const [theirs, ours] = await Promise.all(peers.map((p) => invokeRecorded(p, step, options)));
            records[0].push(theirs!);
            records[1].push(ours!);
            const label = `${describeStep(scenario, index, step)} (messages: fabric-shim ${JSON.stringify(theirs!.final.message)}, ours ${JSON.stringify(ours!.final.message)})`;
            try {
                if (step.differs === undefined) {
                    assert.deepEqual(comparable(ours!), comparable(theirs!), `${label}: differs from fabric-shim`);
                } else {
                    deliberate++;
                    assert.notDeepEqual(
                        comparable(ours!),
                        comparable(theirs!),
                        `${label}: expected a deliberate difference, found none`,
                    );
                    step.differs(theirs!, ours!);
                }
            } catch (err) {
                // Keep going: one run reports every step that does not match.
                const text = err instanceof Error ? err.message : String(err);
                failures.push(
                    text
                        .split('\n')
                        .slice(0, 40)
                        .map((line) => (line.length > 400 ? `${line.slice(0, 400)}...` : line))
                        .join('\n'),
                );
            }
        }
        if (scenario.steps.at(-1)?.fabricShimNeverAnswers !== undefined) {
            throw new Error(
                'a step fabric-shim never answers cannot be the last: nothing would show it is still unanswered',
            );
        }
        for (const { label, answered } of unanswered) {
            if (answered()) {
                failures.push(`${label}: fabric-shim answered; expected no answer`);
            }
        }
    } finally {
        for (const p of peers) {
            p.close();
        }
    }
    if (failures.length > 0) {
        throw new Error(`${failures.length} of ${scenario.steps.length} steps failed:\n\n${failures.join('\n\n')}`);
    }
    return { compared: scenario.steps.length, deliberate, fabricShim: records[0], ours: records[1] };
}
