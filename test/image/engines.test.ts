// SPDX-License-Identifier: Apache-2.0
//
// The supported Node versions agree: every locked package (dev ones too, which npm ci and the
// tests need) accepts the oldest Node that package.json's engines allows and the image's Node.

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import semver from 'semver';
import { baseImage, readDockerfile } from './dockerfile.ts';

const ROOT = path.resolve(import.meta.dirname, '..', '..');

interface Lock {
    readonly packages: Record<string, { readonly version?: string; readonly engines?: { readonly node?: string } }>;
}

test("every locked package accepts engines.node's minimum and the image's Node", () => {
    const { engines } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
        engines: { node: string };
    };
    const minimum = semver.minVersion(engines.node);
    assert.ok(minimum, `engines.node ${engines.node} is not a range`);
    const dockerfile = readDockerfile(path.join(ROOT, 'Dockerfile'));
    const runtime = dockerfile.stages.at(-1);
    assert.ok(runtime);
    const image = semver.coerce(baseImage(dockerfile, runtime).replace(/^node:/, ''));
    assert.ok(image, 'the image names no Node version');
    assert.ok(semver.satisfies(image, engines.node), `the image's Node ${image.version} is outside ${engines.node}`);

    const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as Lock;
    const refused: string[] = [];
    for (const [name, entry] of Object.entries(lock.packages)) {
        const range = entry.engines?.node;
        if (name === '' || range === undefined) {
            continue;
        }
        for (const node of [minimum, image]) {
            if (!semver.satisfies(node, range)) {
                refused.push(`${name}@${String(entry.version)} wants node ${range}, not ${node.version}`);
            }
        }
    }
    assert.deepEqual(refused, []);
});
