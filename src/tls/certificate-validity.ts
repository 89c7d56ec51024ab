// SPDX-License-Identifier: Apache-2.0
//
// A certificate's validity window, and whether it covers now: shared by the server's start-up
// check, its key-pair reload and the packaging tool's warnings.

import type { X509Certificate } from 'node:crypto';

/**
 * How close to its notAfter the serving certificate may be before start-up and every reload
 * warn. The peer dials the chaincode each time it launches it, so an expired server certificate
 * stops every new stream; a week leaves time to renew by hand when the automatic renewal
 * (cert-manager renews 15 days before expiry by default) did not happen.
 */
export const EXPIRY_WARNING_DAYS = 7;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface Validity {
    readonly notBefore: Date;
    readonly notAfter: Date;
}

export function validityOf(cert: X509Certificate): Validity {
    return { notBefore: new Date(cert.validFrom), notAfter: new Date(cert.validTo) };
}

/** Why `cert` is not valid at `now` ("expired on …", "is not valid before …"), or undefined when it is. */
export function validityProblem(cert: X509Certificate, now: Date): string | undefined {
    const { notBefore, notAfter } = validityOf(cert);
    if (notAfter < now) {
        return `expired on ${cert.validTo}`;
    }
    if (notBefore > now) {
        return `is not valid before ${cert.validFrom}`;
    }
    return undefined;
}

/** Whole days left until `notAfter` when that is within the warning window, else undefined. */
export function daysLeftIfExpiringSoon(
    notAfter: Date,
    now: Date,
    windowDays: number = EXPIRY_WARNING_DAYS,
): number | undefined {
    const leftMs = notAfter.getTime() - now.getTime();
    return leftMs < windowDays * DAY_MS ? Math.max(0, Math.floor(leftMs / DAY_MS)) : undefined;
}
