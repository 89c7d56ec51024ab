// SPDX-License-Identifier: Apache-2.0
//
// Builds the chaincode package the peer installs (metadata.json + code.tar.gz, docs/external-builders.md §7)
// and its package ID, byte for byte reproducibly.

import { createHash } from 'node:crypto';
import { renderConnectionJson, renderMetadataJson } from './connection-json.ts';
import type { ConnectionOptions } from './connection-json.ts';
import { checkLabel } from './package-options.ts';
import { createTarGz } from './tar-archive.ts';
import type { ArchiveFile } from './tar-archive.ts';

/** What goes into a ccaas package. */
export interface PackageInput {
    readonly label: string;
    readonly connection: ConnectionOptions;
    /** Files under META-INF/ (CouchDB indexes), e.g. from readMetaInf(). */
    readonly metaInf?: readonly ArchiveFile[];
}

/** A package's bytes and the ID the peer will give it. */
export interface ChaincodePackage {
    readonly bytes: Buffer;
    readonly packageId: string;
}

/** label:sha256 of the package file, as `peer lifecycle chaincode calculatepackageid` prints it. */
export function packageIdOf(label: string, bytes: Uint8Array): string {
    return `${label}:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Builds the package: the same input gives the same bytes on any machine at any time. */
export async function createChaincodePackage(input: PackageInput): Promise<ChaincodePackage> {
    checkLabel(input.label);
    const code = await createTarGz([
        { path: 'connection.json', content: Buffer.from(renderConnectionJson(input.connection)) },
        ...(input.metaInf ?? []),
    ]);
    const bytes = await createTarGz([
        { path: 'metadata.json', content: Buffer.from(renderMetadataJson(input.label)) },
        { path: 'code.tar.gz', content: code },
    ]);
    return { bytes, packageId: packageIdOf(input.label, bytes) };
}
