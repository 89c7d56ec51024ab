// SPDX-License-Identifier: Apache-2.0
//
// The example chaincode: basic asset transfer, each asset a JSON document under its ID.
// Replace this folder with your own chaincode; keep index.ts's export.

import { success } from '../../shim/response.ts';
import type { ChaincodeFunction } from '../../shim/router.ts';
import type { ChaincodeResponse, ChaincodeStub } from '../../shim/types.ts';
import { canonicalJson } from '../canonical-json.ts';

/** One asset, field names as in fabric-samples' asset-transfer-basic. */
export interface Asset {
    readonly ID: string;
    readonly Color: string;
    readonly Size: number;
    readonly Owner: string;
    readonly AppraisedValue: number;
}

/** The event TransferAsset emits; its payload is the transferred asset. */
export const TRANSFER_EVENT = 'TransferAsset';

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

async function createAsset(stub: ChaincodeStub, params: string[]): Promise<ChaincodeResponse> {
    const asset = assetFrom('CreateAsset', params);
    if (await exists(stub, asset.ID)) {
        throw new Error(`the asset ${asset.ID} already exists`);
    }
    await stub.putState(asset.ID, utf8(canonicalJson(asset)));
    return success(utf8(canonicalJson(asset)));
}

async function readAsset(stub: ChaincodeStub, params: string[]): Promise<ChaincodeResponse> {
    const [id] = expectParams('ReadAsset', params, ['ID']);
    return success(await readBytes(stub, id));
}

async function updateAsset(stub: ChaincodeStub, params: string[]): Promise<ChaincodeResponse> {
    const asset = assetFrom('UpdateAsset', params);
    if (!(await exists(stub, asset.ID))) {
        throw new Error(`the asset ${asset.ID} does not exist`);
    }
    await stub.putState(asset.ID, utf8(canonicalJson(asset)));
    return success(utf8(canonicalJson(asset)));
}

async function deleteAsset(stub: ChaincodeStub, params: string[]): Promise<ChaincodeResponse> {
    const [id] = expectParams('DeleteAsset', params, ['ID']);
    if (!(await exists(stub, id))) {
        throw new Error(`the asset ${id} does not exist`);
    }
    await stub.deleteState(id);
    return success();
}

async function assetExists(stub: ChaincodeStub, params: string[]): Promise<ChaincodeResponse> {
    const [id] = expectParams('AssetExists', params, ['ID']);
    return success(utf8(String(await exists(stub, id))));
}

/** Changes the owner, emits TransferAsset with the updated asset, and returns the previous owner. */
async function transferAsset(stub: ChaincodeStub, params: string[]): Promise<ChaincodeResponse> {
    const [id, newOwner] = expectParams('TransferAsset', params, ['ID', 'NewOwner']);
    const asset = parseAsset(await readBytes(stub, id));
    const updated: Asset = { ...asset, Owner: newOwner };
    const bytes = utf8(canonicalJson(updated));
    await stub.putState(id, bytes);
    stub.setEvent(TRANSFER_EVENT, bytes);
    return success(utf8(asset.Owner));
}

/** Every asset, in key order, through a range iterator. */
async function getAllAssets(stub: ChaincodeStub, params: string[]): Promise<ChaincodeResponse> {
    expectParams('GetAllAssets', params, []);
    const assets: Asset[] = [];
    for await (const { value } of stub.getStateByRange('', '')) {
        assets.push(parseAsset(value));
    }
    return success(utf8(canonicalJson(assets)));
}

/** Every committed change to one asset, newest first; a delete has `asset: null`. */
async function getAssetHistory(stub: ChaincodeStub, params: string[]): Promise<ChaincodeResponse> {
    const [id] = expectParams('GetAssetHistory', params, ['ID']);
    const history: unknown[] = [];
    for await (const change of stub.getHistoryForKey(id)) {
        const millis = Number(change.timestamp.seconds) * 1000 + Math.floor(change.timestamp.nanos / 1e6);
        history.push({
            txId: change.txId,
            timestamp: new Date(millis).toISOString(),
            isDelete: change.isDelete,
            asset: change.isDelete ? null : parseAsset(change.value),
        });
    }
    return success(utf8(canonicalJson(history)));
}

/** The functions this chaincode answers, by name; the router lists them in its errors and metrics. */
export const assetTransferFunctions: Readonly<Record<string, ChaincodeFunction>> = {
    CreateAsset: createAsset,
    ReadAsset: readAsset,
    UpdateAsset: updateAsset,
    DeleteAsset: deleteAsset,
    AssetExists: assetExists,
    TransferAsset: transferAsset,
    GetAllAssets: getAllAssets,
    GetAssetHistory: getAssetHistory,
};

async function exists(stub: ChaincodeStub, id: string): Promise<boolean> {
    return (await stub.getState(id)).length > 0;
}

async function readBytes(stub: ChaincodeStub, id: string): Promise<Uint8Array> {
    const bytes = await stub.getState(id);
    if (bytes.length === 0) {
        throw new Error(`the asset ${id} does not exist`);
    }
    return bytes;
}

/** Checks the argument count; the result has one string per name. */
function expectParams<const N extends readonly string[]>(
    fn: string,
    params: string[],
    names: N,
): { [K in keyof N]: string } {
    if (params.length !== names.length) {
        const expected = names.length === 0 ? 'no arguments' : `${names.length} arguments: ${names.join(', ')}`;
        throw new Error(`${fn} expects ${expected}; got ${params.length}`);
    }
    return params as { [K in keyof N]: string };
}

function assetFrom(fn: string, params: string[]): Asset {
    const [ID, Color, size, Owner, value] = expectParams(fn, params, [
        'ID',
        'Color',
        'Size',
        'Owner',
        'AppraisedValue',
    ]);
    if (ID === '') {
        throw new Error(`${fn}: ID must not be empty`);
    }
    return { ID, Color, Size: count(fn, 'Size', size), Owner, AppraisedValue: count(fn, 'AppraisedValue', value) };
}

function count(fn: string, name: string, text: string): number {
    const value = Number(text);
    if (!/^\d+$/.test(text) || !Number.isSafeInteger(value)) {
        throw new Error(`${fn}: ${name} must be a non-negative integer, got "${text}"`);
    }
    return value;
}

function parseAsset(bytes: Uint8Array): Asset {
    return JSON.parse(Buffer.from(bytes).toString('utf8')) as Asset;
}
