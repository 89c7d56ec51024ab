// SPDX-License-Identifier: Apache-2.0
//
// Finds the Fabric binaries: FABRIC_HOME names a directory laid out like Fabric's release archives
// (bin/peer, bin/orderer, ... and config/core.yaml, ...), as install-fabric.sh leaves them.

import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const TOOLS = ['peer', 'orderer', 'configtxgen', 'cryptogen', 'osnadmin'] as const;
const CONFIGS = ['core.yaml', 'orderer.yaml'] as const;

export type FabricTool = (typeof TOOLS)[number];

/** An installation of the Fabric binaries. */
export interface FabricHome {
    readonly dir: string;
    /** What `peer version` prints, e.g. "2.5.13". */
    readonly version: string;
    /** The major version, 2 or 3. */
    readonly major: number;
    /** The directory holding core.yaml and orderer.yaml (FABRIC_CFG_PATH of the processes). */
    readonly configDir: string;
    tool(name: FabricTool): string;
}

/** The setting that names the installation. */
const FABRIC_HOME_ENV = 'FABRIC_HOME';

/** Checks the layout of `dir` and reads the peer's version; throws naming what is missing. */
export function fabricHome(dir: string | undefined = process.env[FABRIC_HOME_ENV]): FabricHome {
    if (dir === undefined || dir === '') {
        throw new Error(
            `${FABRIC_HOME_ENV} is not set: point it at a directory holding Fabric's bin/ and config/ ` +
                '(install-fabric.sh --fabric-version 2.5.13 binary leaves them in the current directory)',
        );
    }
    const home = path.resolve(dir);
    const missing = [
        ...TOOLS.map((tool) => path.join('bin', tool)),
        ...CONFIGS.map((file) => path.join('config', file)),
    ].filter((entry) => !existsSync(path.join(home, entry)));
    if (missing.length > 0) {
        throw new Error(`${FABRIC_HOME_ENV}=${home} lacks ${missing.join(', ')}`);
    }
    const tool = (name: FabricTool): string => path.join(home, 'bin', name);
    const output = execFileSync(tool('peer'), ['version'], { encoding: 'utf8', env: { PATH: process.env.PATH ?? '' } });
    const version = /Version:\s*v?(\d+\.\d+\.\d+\S*)/.exec(output)?.[1];
    if (version === undefined) {
        throw new Error(`cannot read the version from ${tool('peer')} version:\n${output}`);
    }
    return { dir: home, version, major: Number(version.split('.')[0]), configDir: path.join(home, 'config'), tool };
}
