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
    /** Sent without a signed proposal, as the peer sends system-originated calls. */
    readonly withoutProposal?: boolean;
    /** A deliberate difference (listed in the README): asserts how the two records differ. */
    readonly differs?: (fabricShim: StepRecord, ours: StepRecord) => void;
    /** The difference shows only on some runs (it depends on when the peer reads fabric-shim's messages). */
    readonly differsOnlySometimes?: boolean;
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
    /** Steps run on both; each one matched, or showed its documented deliberate difference. */
    readonly compared: number;
    /** How many of them were deliberate differences. */
    readonly deliberate: number;
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

/** The messages of one failed assertion, cut to a readable size. */
function shortened(err: unknown): string {
    const text = err instanceof Error ? err.message : String(err);
    return text
        .split('\n')
        .slice(0, 40)
        .map((line) => (line.length > 400 ? `${line.slice(0, 400)}...` : line))
        .join('\n');
}

/** One scenario being driven: both peers, and what went wrong so far (reported all at once). */
class ScenarioRun {
    readonly failures: string[] = [];
    readonly #unanswered: { label: string; answered: () => boolean }[] = [];
    deliberate = 0;

    readonly scenario: Scenario;
    readonly peers: [FakePeer, FakePeer];
    readonly #reconnect: (ledger: InMemoryLedger) => Promise<FakePeer>;

    constructor(
        scenario: Scenario,
        peers: [FakePeer, FakePeer],
        reconnect: (ledger: InMemoryLedger) => Promise<FakePeer>,
    ) {
        this.scenario = scenario;
        this.peers = peers;
        this.#reconnect = reconnect;
    }

    async step(index: number, step: Step): Promise<void> {
        const options: InvokeOptions = {
            txId: `${this.scenario.name}-${index}`,
            timestamp: new Date(BASE_TIME + index * 1001),
            ...(step.transient === undefined ? {} : { transient: step.transient }),
            ...(step.init === undefined ? {} : { init: step.init }),
            ...(step.withoutProposal === undefined ? {} : { withoutProposal: step.withoutProposal }),
        };
        const label = describeStep(this.scenario, index, step);
        if (process.env.PARITY_TRACE !== undefined) {
            process.stderr.write(`${label}\n`);
        }
        try {
            if (step.fabricShimNeverAnswers !== undefined) {
                this.deliberate++;
                this.#unanswered.push(neverAnswers(this.peers[0], step, options, label));
                step.fabricShimNeverAnswers(await invokeRecorded(this.peers[1], step, options));
            } else if (step.fabricShimBreaksStream !== undefined) {
                this.deliberate++;
                await this.#breaking(step, options, index === this.scenario.steps.length - 1);
            } else {
                await this.#compared(step, options);
            }
        } catch (err) {
            // Keep going: one run reports every step that does not match.
            this.failures.push(`${label}: ${shortened(err)}`);
        }
    }

    /** After the last step: every answer fabric-shim should never have given is still missing. */
    checkUnanswered(): void {
        for (const { label, answered } of this.#unanswered) {
            if (answered()) {
                this.failures.push(`${label}: fabric-shim answered; expected no answer`);
            }
        }
    }

    async #breaking(step: Step, options: InvokeOptions, last: boolean): Promise<void> {
        const [broken, ours] = await Promise.all([
            streamBreaks(this.peers[0], step, options),
            invokeRecorded(this.peers[1], step, options),
        ]);
        if (!last) {
            this.peers[0] = await this.#reconnect(this.peers[0].ledger);
        }
        assert.equal(broken, true, 'fabric-shim answered; expected its stream to break');
        step.fabricShimBreaksStream?.(ours);
    }

    async #compared(step: Step, options: InvokeOptions): Promise<void> {
        const [theirs, ours] = await Promise.all([
            invokeRecorded(this.peers[0], step, options),
            invokeRecorded(this.peers[1], step, options),
        ]);
        const messages = `messages: fabric-shim ${JSON.stringify(theirs.final.message)}, ours ${JSON.stringify(ours.final.message)}`;
        if (step.differs === undefined) {
            assert.deepEqual(comparable(ours), comparable(theirs), `(${messages}) differs from fabric-shim`);
            return;
        }
        this.deliberate++;
        if (step.differsOnlySometimes !== true) {
            assert.notDeepEqual(comparable(ours), comparable(theirs), `(${messages}) expected a deliberate difference`);
        }
        step.differs(theirs, ours);
    }
}

/** Runs `scenario` on both servers (each step on both at once) and compares every step. */
export async function runScenario(
    scenario: Scenario,
    fabricShimAddress: string,
    ourAddress: string,
    creator: CreatorIdentity,
): Promise<ScenarioResult> {
    if (scenario.steps.at(-1)?.fabricShimNeverAnswers !== undefined) {
        throw new Error('a step fabric-shim never answers cannot be the last: nothing would show it is unanswered');
    }
    const peers: [FakePeer, FakePeer] = await Promise.all([
        connectedPeer(fabricShimAddress, scenario, creator),
        connectedPeer(ourAddress, scenario, creator),
    ]);
    const run = new ScenarioRun(scenario, peers, (ledger) =>
        connectedPeer(fabricShimAddress, scenario, creator, ledger),
    );
    try {
        for (const [index, step] of scenario.steps.entries()) {
            await run.step(index, step);
        }
        run.checkUnanswered();
    } finally {
        for (const p of run.peers) {
            p.close();
        }
    }
    if (run.failures.length > 0) {
        throw new Error(
            `${run.failures.length} of ${scenario.steps.length} steps failed:\n\n${run.failures.join('\n\n')}`,
        );
    }
    return { compared: scenario.steps.length, deliberate: run.deliberate };
}
