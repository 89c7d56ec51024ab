// SPDX-License-Identifier: Apache-2.0
//
// The low-level chaincode fixture: Init, write results, state-based endorsement with
// KeyEndorsementPolicy, invokeChaincode, ClientIdentity and response statuses.

import type { InvokeChaincodeHandler } from '../../../src/testing/index.ts';
import { noProposalAccessors, throwAnsweredWith500, unawaitedCallCompleted } from '../support/deliberate.ts';
import type { Scenario, Step } from '../support/scenario.ts';

/** Plays the chaincodes the fixture calls. */
const callee: InvokeChaincodeHandler = (name, channel, args) => {
    const text = args.map((a) => a.toString()).join(' ');
    switch (name) {
        case 'echo':
            return { status: 200, message: `on ${channel}`, payload: text };
        case 'refuser':
            return { status: 400, message: 'refused by callee', payload: '' };
        case 'broken':
            return { error: 'callee failed' };
        default:
            throw new Error(`chaincode ${name} is not installed`);
    }
};

const steps: Step[] = [
    { args: ['noProposal'], withoutProposal: true, differs: noProposalAccessors },
    { args: ['setup', 'a', 'b'], init: true },
    { args: ['put', 'k1', 'v1'] },
    { args: ['policy', 'k1', 'Org1MSP', 'Org2MSP'] },
    { args: ['orgs', 'k1'] },
    { args: ['removeOrg', 'k1', 'Org1MSP'] },
    { args: ['orgs', 'k1'] },
    { args: ['policy', 'k2', 'Org3MSP'] },
    { args: ['peerPolicy', 'k3', 'Org2MSP'] },
    { args: ['orgs', 'k3'] },
    { args: ['policy', 'k4'] },
    { args: ['badRole'] },
    { args: ['orgs', 'never-set'] },
    { args: ['call', 'echo', '["hello","world"]', ''] },
    { args: ['call', 'echo', '["x"]', 'otherchannel'] },
    { args: ['call', 'echo:2.0', '[]', ''] },
    { args: ['call', 'refuser', '["a"]', ''] },
    { args: ['callStatus', 'echo', '["z"]'] },
    { args: ['callStatus', 'refuser', '[]'] },
    { args: ['call', 'missing', '[]', ''] },
    { args: ['call', 'broken', '[]', ''] },
    { args: ['identity', 'admin'] },
    { args: ['identity', 'role'] },
    { args: ['timestamp'] },
    { args: ['fail', 'nope'] },
    { args: ['status', '201'] },
    { args: ['status', '404'] },
    { args: ['args', 'x', '', 'z'] },
    { args: ['nosuch'] },
    { args: ['unawaited', 'u1'], differs: unawaitedCallCompleted, differsOnlySometimes: true },
    { args: ['throws'], fabricShimNeverAnswers: throwAnsweredWith500 },
    { args: ['orgs', 'k1'] },
    { args: ['put', 'after-throw', 'still served'] },
];

export const chaincodeScenario: Scenario = { name: 'chaincode', steps, onInvokeChaincode: callee };
