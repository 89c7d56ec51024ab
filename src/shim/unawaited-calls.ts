// SPDX-License-Identifier: Apache-2.0
//
// Keeps a stub call that user code never awaits from ending the process: its rejection is
// marked handled (an unhandled rejection is fatal under main.ts's close-with-grace), while
// callers that do await it still see the error.

const ignore = (): void => undefined;

/** Wraps each named method of `prototype` so the promise it returns never counts as unhandled. */
export function tolerateUnawaitedCalls(prototype: object, names: readonly string[]): void {
    for (const name of names) {
        const original: unknown = Reflect.get(prototype, name);
        if (typeof original !== 'function') {
            continue;
        }
        const wrapped = function (this: unknown, ...args: unknown[]): unknown {
            const result: unknown = Reflect.apply(original, this, args);
            if (result instanceof Promise) {
                result.catch(ignore);
            }
            return result;
        };
        Object.defineProperty(wrapped, 'name', { value: name });
        Reflect.set(prototype, name, wrapped);
    }
}
