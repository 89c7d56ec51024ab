// SPDX-License-Identifier: Apache-2.0
//
// The process's readiness state, as /readyz reports it: serving once the gRPC port is bound,
// draining once shutdown has begun. One instance per process, created and passed in by main.ts.

/**
 * Ready/draining flags for the sidecar's probes.
 *
 * Readiness never depends on a peer being connected: a peer cannot reach a pod that is not ready.
 * Both transitions are one-way; once draining, the process is never ready again.
 */
export class Health {
    #serving = false;
    #draining = false;

    /** Records that the gRPC port is bound and accepting connections. */
    markServing(): void {
        this.#serving = true;
    }

    /** Records that shutdown has begun, so the Service stops routing new connections here. */
    /** Client mode: the stream to the peer is gone until the next registration. */
    markNotServing(): void {
        this.#serving = false;
    }

    startDraining(): void {
        this.#draining = true;
    }

    /** True when the gRPC port is bound and the process is not draining. */
    get ready(): boolean {
        return this.#serving && !this.#draining;
    }

    /** True once shutdown has begun. */
    get draining(): boolean {
        return this.#draining;
    }
}
