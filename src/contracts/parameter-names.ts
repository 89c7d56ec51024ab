// SPDX-License-Identifier: Apache-2.0
//
// Reads a function's parameter names from its source, for code compiled without
// `emitDecoratorMetadata` (tsx, esbuild), where `@Transaction()` records no parameters.

/** The text between a function's parameter parentheses, or undefined when it cannot be found. */
function parameterList(source: string): string | undefined {
    const open = source.indexOf('(');
    if (open < 0) {
        return undefined;
    }
    let depth = 0;
    for (let i = open; i < source.length; i++) {
        const char = source[i];
        if (char === '(' || char === '[' || char === '{') {
            depth++;
        } else if (char === ')' || char === ']' || char === '}') {
            depth--;
            if (depth === 0) {
                return source.slice(open + 1, i);
            }
        }
    }
    return undefined;
}

/** Splits at the commas that are not inside brackets. */
function splitTopLevel(list: string): string[] {
    const parts: string[] = [];
    let depth = 0;
    let start = 0;
    for (let i = 0; i < list.length; i++) {
        const char = list[i];
        if (char === '(' || char === '[' || char === '{') {
            depth++;
        } else if (char === ')' || char === ']' || char === '}') {
            depth--;
        } else if (char === ',' && depth === 0) {
            parts.push(list.slice(start, i));
            start = i + 1;
        }
    }
    parts.push(list.slice(start));
    return parts.map((part) => part.trim()).filter((part) => part !== '');
}

/**
 * The names of `fn`'s parameters in order, as written in its source (`...rest` gives `rest`);
 * a destructured parameter is named `argN` after its position. Defaults are ignored.
 */
export function parameterNames(fn: (...args: never[]) => unknown): string[] {
    const source = Function.prototype.toString.call(fn).replace(/\/\*[\s\S]*?\*\/|\/\/[^\n]*/g, '');
    const list = parameterList(source);
    if (list === undefined) {
        return [];
    }
    return splitTopLevel(list).map((part, index) => {
        const name = /^(?:\.\.\.)?\s*([A-Za-z_$][\w$]*)/.exec(part)?.[1];
        return name ?? `arg${index}`;
    });
}
