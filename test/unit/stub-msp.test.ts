// SPDX-License-Identifier: Apache-2.0
//
// getMspID: the value configured on the stream handler reaches the stub, and an unset one
// is a clear error. Driven through an in-memory connection.

import assert from 'node:assert/strict';
import { test } from 'node:test';
import pino from 'pino';
import type { ChaincodeMessage } from '../../src/wire/generated/protos/ChaincodeMessage.ts';
import { chaincodeMessageCodec } from '../../src/wire/protos.ts';
import { chaincodeInputCodec, responseCodec } from '../../src/wire/codecs.ts';
import { StreamHandler } from '../../src/shim/stream-handler.ts';
import { error, success } from '../../src/shim/response.ts';
import type { Chaincode } from '../../src/shim/types.ts';

const mspChaincode: Chaincode = {
    Init: () => success(),
    Invoke: (stub) => {
        try {
            return success(Buffer.from(stub.getMspID()));
        } catch (err) {
            return error((err as Error).message);
        }
    },
};

async function invoke(mspId: string | undefined): Promise<{ status: number; message: string; payload: string }> {
    let resolve!: (message: ChaincodeMessage) => void;
    const completed = new Promise<ChaincodeMessage>((r) => (resolve = r));
    const handler = new StreamHandler({
        chaincodeId: 'cc:1',
        chaincode: mspChaincode,
        logger: pino({ level: 'silent' }),
        mspId,
        connection: {
            send: (message) => {
                if (message.type === 'COMPLETED') {
                    resolve(message);
                }
            },
            end: () => undefined,
        },
    });
    const receive = (message: ChaincodeMessage): void => {
        handler.handle(chaincodeMessageCodec.decode(chaincodeMessageCodec.encode(message)));
    };
    handler.start();
    receive({ type: 'REGISTERED' });
    receive({ type: 'READY' });
    receive({
        type: 'TRANSACTION',
        txid: 'tx1',
        channel_id: 'ch',
        payload: chaincodeInputCodec.encode({ args: [Buffer.from('any')] }),
    });
    const response = responseCodec.decode((await completed).payload as Uint8Array);
    handler.close();
    return { status: response.status, message: response.message, payload: response.payload.toString() };
}

test('getMspID returns the MSP ID the handler was configured with', async () => {
    assert.deepEqual(await invoke('Org1MSP'), { status: 200, message: '', payload: 'Org1MSP' });
});

test('getMspID throws a clear error when no MSP ID is configured', async () => {
    const result = await invoke(undefined);
    assert.equal(result.status, 500);
    assert.match(result.message, /CORE_PEER_LOCALMSPID/);
});
