// SPDX-License-Identifier: Apache-2.0
//
// The type of a ChaincodeMessage as a string. proto-loader gives enum names, but a type
// number our protos do not know (a newer peer) arrives as a bare number.

/** 'TRANSACTION', 'GET_STATE', ... or the digits of an unknown type. */
export function messageType(message: { readonly type?: unknown }): string {
    return String(message.type);
}
