// SPDX-License-Identifier: Apache-2.0
//
// The transactions running on one stream, by channel then txid. Every peer message is looked
// up here; a two-level map needs no key string built (and hashed) per message, which a
// `${channel}\0${txid}` key did (~80 ns a message, BENCHMARKS.md).

export class TransactionTable<T> {
    readonly #channels = new Map<string, Map<string, T>>();
    #size = 0;

    get size(): number {
        return this.#size;
    }

    get(channelId: string, txId: string): T | undefined {
        return this.#channels.get(channelId)?.get(txId);
    }

    /** Adds a transaction the caller has checked is not in the table. */
    add(channelId: string, txId: string, value: T): void {
        let channel = this.#channels.get(channelId);
        if (channel === undefined) {
            channel = new Map();
            this.#channels.set(channelId, channel);
        }
        channel.set(txId, value);
        this.#size += 1;
    }

    delete(channelId: string, txId: string): void {
        const channel = this.#channels.get(channelId);
        if (channel?.delete(txId) === true) {
            this.#size -= 1;
            if (channel.size === 0) {
                // A peer may name any channel; forget the empty ones so they cannot pile up.
                this.#channels.delete(channelId);
            }
        }
    }

    /** A snapshot: safe to delete from the table while iterating it. */
    values(): T[] {
        const all: T[] = [];
        for (const channel of this.#channels.values()) {
            all.push(...channel.values());
        }
        return all;
    }
}
