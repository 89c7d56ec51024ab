// SPDX-License-Identifier: Apache-2.0
//
// The asset-transfer example as a fabric-contract-api contract: the transactions of
// fabric-samples' asset-transfer-basic (TypeScript), with decorators describing their types.

import { canonicalJson } from '../canonical-json.ts';
// Context is imported as a value: with emitDecoratorMetadata, `import type` would record it as
// Object and fabric-contract-api would refuse the transaction.
import { Context, Contract, Info, Param, Returns, Transaction } from '../../contracts/index.ts';
import { Asset } from './asset.ts';

/** The event TransferAsset emits; its payload is the transferred asset. */
export const TRANSFER_EVENT = 'TransferAsset';

/** An Asset with the given fields. */
function newAsset(fields: Readonly<Asset>): Asset {
    return Object.assign(new Asset(), fields);
}

const SAMPLE_ASSETS: readonly Asset[] = [
    newAsset({ ID: 'asset1', Color: 'blue', Size: 5, Owner: 'Tomoko', AppraisedValue: 300 }),
    newAsset({ ID: 'asset2', Color: 'red', Size: 5, Owner: 'Brad', AppraisedValue: 400 }),
    newAsset({ ID: 'asset3', Color: 'green', Size: 10, Owner: 'Jin Soo', AppraisedValue: 500 }),
];

const utf8 = (text: string): Buffer => Buffer.from(text, 'utf8');

/**
 * Creates, reads, updates, transfers and deletes assets, each a canonical JSON document under
 * its ID. Numeric parameters carry `@Param` above `@Transaction()`, so they are numbers both
 * under tsc (which records parameter types) and under tsx (which does not).
 */
@Info({ title: 'AssetTransfer', description: 'Smart contract for trading assets' })
export class AssetTransferContract extends Contract {
    /** Writes a few sample assets. */
    @Transaction()
    public async InitLedger(ctx: Context): Promise<void> {
        for (const asset of SAMPLE_ASSETS) {
            await ctx.stub.putState(asset.ID, utf8(canonicalJson(asset)));
        }
    }

    /** Stores a new asset; fails when the ID exists. */
    @Param('size', 'number', 'the size of the asset')
    @Param('appraisedValue', 'number', 'the appraised value')
    @Transaction()
    public async CreateAsset(
        ctx: Context,
        id: string,
        color: string,
        size: number,
        owner: string,
        appraisedValue: number,
    ): Promise<void> {
        if (await this.AssetExists(ctx, id)) {
            throw new Error(`The asset ${id} already exists`);
        }
        const asset = newAsset({ ID: id, Color: color, Size: size, Owner: owner, AppraisedValue: appraisedValue });
        await ctx.stub.putState(id, utf8(canonicalJson(asset)));
    }

    /** The asset stored under `id`; fails when there is none. */
    @Transaction(false)
    @Returns('Asset')
    public async ReadAsset(ctx: Context, id: string): Promise<Asset> {
        const bytes = await ctx.stub.getState(id);
        if (bytes.length === 0) {
            throw new Error(`The asset ${id} does not exist`);
        }
        return JSON.parse(Buffer.from(bytes).toString('utf8')) as Asset;
    }

    /** Replaces an existing asset; fails when there is none. */
    @Param('size', 'number', 'the new size')
    @Param('appraisedValue', 'number', 'the new appraised value')
    @Transaction()
    public async UpdateAsset(
        ctx: Context,
        id: string,
        color: string,
        size: number,
        owner: string,
        appraisedValue: number,
    ): Promise<void> {
        if (!(await this.AssetExists(ctx, id))) {
            throw new Error(`The asset ${id} does not exist`);
        }
        const asset = newAsset({ ID: id, Color: color, Size: size, Owner: owner, AppraisedValue: appraisedValue });
        await ctx.stub.putState(id, utf8(canonicalJson(asset)));
    }

    /** Deletes an asset; fails when there is none. */
    @Transaction()
    public async DeleteAsset(ctx: Context, id: string): Promise<void> {
        if (!(await this.AssetExists(ctx, id))) {
            throw new Error(`The asset ${id} does not exist`);
        }
        await ctx.stub.deleteState(id);
    }

    /** Whether an asset is stored under `id`. */
    @Transaction(false)
    @Returns('boolean')
    public async AssetExists(ctx: Context, id: string): Promise<boolean> {
        const bytes = await ctx.stub.getState(id);
        return bytes.length > 0;
    }

    /** Changes the owner, emits TransferAsset with the updated asset, and returns the previous owner. */
    @Transaction()
    @Returns('string')
    public async TransferAsset(ctx: Context, id: string, newOwner: string): Promise<string> {
        const asset = await this.ReadAsset(ctx, id);
        const previousOwner = asset.Owner;
        asset.Owner = newOwner;
        const bytes = utf8(canonicalJson(asset));
        await ctx.stub.putState(id, bytes);
        ctx.stub.setEvent(TRANSFER_EVENT, bytes);
        return previousOwner;
    }

    /** Every asset, in key order, through a range iterator. */
    @Transaction(false)
    @Returns('Asset[]')
    public async GetAllAssets(ctx: Context): Promise<Asset[]> {
        const assets: Asset[] = [];
        for await (const { value } of ctx.stub.getStateByRange('', '')) {
            assets.push(JSON.parse(Buffer.from(value).toString('utf8')) as Asset);
        }
        return assets;
    }
}
