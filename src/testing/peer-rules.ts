// SPDX-License-Identifier: Apache-2.0
//
// Which requests a peer accepts from a ready chaincode, by Fabric version and by what its
// READY advertised: anything else makes a real peer end the stream.

import type { FakePeerOptions } from './fake-peer-options.ts';

/** The request types every peer since 2.0 knows. */
const REQUEST_TYPES = new Set([
    'GET_STATE',
    'PUT_STATE',
    'DEL_STATE',
    'INVOKE_CHAINCODE',
    'GET_STATE_BY_RANGE',
    'GET_QUERY_RESULT',
    'QUERY_STATE_NEXT',
    'QUERY_STATE_CLOSE',
    'GET_HISTORY_FOR_KEY',
    'GET_STATE_METADATA',
    'PUT_STATE_METADATA',
    'GET_PRIVATE_DATA_HASH',
]);

/** True when a peer configured by `options` serves a request of this type. */
export function peerAcceptsRequest(type: string, options: Pick<FakePeerOptions, 'ready' | 'peerVersion'>): boolean {
    if (REQUEST_TYPES.has(type)) {
        return true;
    }
    if (type === 'PURGE_PRIVATE_DATA') {
        // exists from Fabric 2.5; an older peer ends the stream on it
        return atLeast(options.peerVersion ?? '2.5', 2, 5);
    }
    const ready = options.ready;
    if (ready === undefined || Buffer.isBuffer(ready)) {
        return false; // a READY without 3.1 capabilities allows no batch type
    }
    return (
        (type === 'WRITE_BATCH_STATE' && ready.useWriteBatch === true) ||
        (type === 'GET_STATE_MULTIPLE' && ready.useGetMultipleKeys === true)
    );
}

/** True when `version` (major.minor) is at least wantMajor.wantMinor. */
function atLeast(version: string, wantMajor: number, wantMinor: number): boolean {
    const [major = 0, minor = 0] = version.split('.').map(Number);
    return major > wantMajor || (major === wantMajor && minor >= wantMinor);
}
