// SPDX-License-Identifier: Apache-2.0
//
// fabric-contract-api's classes and decorators as ES module named exports. The package is
// CommonJS and adds its decorators with Object.assign, which Node cannot see from `import { Info }`.

import contractApi from 'fabric-contract-api';

export { Context, Contract } from 'fabric-contract-api';

/** `@Transaction()` marks a transaction function; `@Transaction(false)` one that is only evaluated (read). */
export const Transaction: typeof contractApi.Transaction = contractApi.Transaction;
/** `@Returns('Asset')` records a transaction's return type in the metadata. */
export const Returns: typeof contractApi.Returns = contractApi.Returns;
/** `@Param('size', 'number', 'description')` describes a parameter (put it above `@Transaction()` under tsx). */
export const Param: typeof contractApi.Param = contractApi.Param;
/** `@Object()` makes a class a type that parameters and returns can name. */
export const Object: typeof contractApi.Object = contractApi.Object;
/** `@Property('name', 'type')` records a property of an `@Object()` class. */
export const Property: typeof contractApi.Property = contractApi.Property;
/** `@Info({ title, description, version })` describes a contract in the metadata. */
export const Info: typeof contractApi.Info = contractApi.Info;
/** `@Default()` makes a contract the one bare function names go to. */
export const Default: typeof contractApi.Default = contractApi.Default;
