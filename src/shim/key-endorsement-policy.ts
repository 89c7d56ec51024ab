// SPDX-License-Identifier: Apache-2.0
//
// State-based endorsement, as fabric-shim's KeyEndorsementPolicy builds it: a set of MSP IDs,
// each with a role, written as a SignaturePolicyEnvelope that needs every one of them.

import protobuf from 'protobufjs';
import { InvalidArgumentError } from './errors.ts';

/** The roles a key-level policy can require, as fabric-shim names them. */
export const ENDORSER_ROLES = { MEMBER: 'MEMBER', PEER: 'PEER' } as const;
/** 'MEMBER' or 'PEER'. */
export type ENDORSER_ROLES = (typeof ENDORSER_ROLES)[keyof typeof ENDORSER_ROLES];

/** msp.MSPRole.MSPRoleType values. */
const ROLE_NUMBERS: Readonly<Record<string, number>> = { MEMBER: 0, PEER: 3 };
/** msp.MSPPrincipal.Classification.ROLE. */
const ROLE_CLASSIFICATION = 0;

/**
 * The four Fabric messages a policy needs (common/policies.proto, msp/msp_principal.proto),
 * declared here so this file does not depend on the stream's protos.
 */
const root = protobuf.Root.fromJSON({
    nested: {
        MSPRole: {
            fields: { msp_identifier: { type: 'string', id: 1 }, role: { type: 'int32', id: 2 } },
        },
        MSPPrincipal: {
            fields: { principal_classification: { type: 'int32', id: 1 }, principal: { type: 'bytes', id: 2 } },
        },
        NOutOf: {
            fields: { n: { type: 'int32', id: 1 }, rules: { rule: 'repeated', type: 'SignaturePolicy', id: 2 } },
        },
        SignaturePolicy: {
            oneofs: { Type: { oneof: ['signed_by', 'n_out_of'] } },
            fields: { signed_by: { type: 'int32', id: 1 }, n_out_of: { type: 'NOutOf', id: 2 } },
        },
        SignaturePolicyEnvelope: {
            fields: {
                version: { type: 'int32', id: 1 },
                rule: { type: 'SignaturePolicy', id: 2 },
                identities: { rule: 'repeated', type: 'MSPPrincipal', id: 3 },
            },
        },
    },
});
const mspRole = root.lookupType('MSPRole');
const envelopeType = root.lookupType('SignaturePolicyEnvelope');

interface DecodedEnvelope {
    readonly identities: readonly { readonly principal_classification: number; readonly principal: Uint8Array }[];
}
interface DecodedRole {
    readonly msp_identifier: string;
    readonly role: number;
}

/** A field set only when it is not proto3's default, so the bytes equal the Go and Node shims'. */
function nonZero<K extends string>(key: K, value: number): Partial<Record<K, number>> {
    return value === 0 ? {} : ({ [key]: value } as Record<K, number>);
}

/**
 * A key-level endorsement policy: every listed organisation must endorse a change to the key.
 * Read the current one with `new KeyEndorsementPolicy(await stub.getStateValidationParameter(key))`,
 * change it, and write `getPolicy()` back with `setStateValidationParameter`.
 */
export class KeyEndorsementPolicy {
    /** MSP ID to role number, in the order they were added (listOrgs and the policy's identities). */
    readonly #orgs = new Map<string, number>();

    /** `policy`: a marshalled SignaturePolicyEnvelope, as getStateValidationParameter returns it. */
    constructor(policy?: Uint8Array) {
        if (policy === undefined || policy.length === 0) {
            return;
        }
        const envelope = envelopeType.decode(policy) as unknown as DecodedEnvelope;
        for (const identity of envelope.identities) {
            if (identity.principal_classification === ROLE_CLASSIFICATION) {
                const role = mspRole.decode(identity.principal) as unknown as DecodedRole;
                this.#orgs.set(role.msp_identifier, role.role);
            }
        }
    }

    /** The policy as bytes for setStateValidationParameter: all listed organisations must sign. */
    getPolicy(): Uint8Array {
        const mspIds = this.listOrgs();
        const envelope = {
            rule: {
                n_out_of: {
                    ...nonZero('n', mspIds.length),
                    rules: mspIds.map((_, index) => ({ signed_by: index })),
                },
            },
            identities: mspIds.map((mspId) => ({
                principal: mspRole
                    .encode({ msp_identifier: mspId, ...nonZero('role', this.#orgs.get(mspId) ?? 0) })
                    .finish(),
            })),
        };
        return envelopeType.encode(envelope).finish();
    }

    /** Requires `orgs` to endorse, each as a member or as a peer of its organisation. */
    addOrgs(role: string, ...orgs: string[]): void {
        const number = Object.hasOwn(ROLE_NUMBERS, role) ? ROLE_NUMBERS[role] : undefined;
        if (number === undefined) {
            throw new InvalidArgumentError(`addOrgs: the role must be MEMBER or PEER; got ${role}`);
        }
        for (const org of orgs) {
            this.#orgs.set(org, number);
        }
    }

    /** No longer requires `orgs`. */
    delOrgs(...orgs: string[]): void {
        for (const org of orgs) {
            this.#orgs.delete(org);
        }
    }

    /** The MSP IDs the policy requires. */
    listOrgs(): string[] {
        return [...this.#orgs.keys()];
    }
}
