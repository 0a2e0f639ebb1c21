/** Reading what a Quarry index folder holds: its manifest and the files it references. */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize } from 'node:path';
import { anyVersionFiles, expandShardTables } from '../../src/core/format/index-files.ts';
import { INDEX_FORMAT, type Manifest } from '../../src/core/format/manifest.ts';

/**
 * The paths a manifest in `outDir` lists, of any format (it may be a previous
 * release's), with the shards its tables there list; a path that leaves the
 * folder never counts. A table that cannot be read lists nothing: its shards
 * are then the previous generation's, which a clean-up may collect.
 */
export async function manifestFiles(outDir: string, m: Manifest): Promise<string[]> {
  const listed = anyVersionFiles(m).filter((e) => isIndexPath(e.path));
  const { shards } = await expandShardTables(m, (e) => readFile(join(outDir, e.path)));
  return [...listed, ...shards].map((e) => e.path).filter(isIndexPath);
}

/** A relative path that stays inside the index folder (ledger and manifest text is never trusted blindly). */
export function isIndexPath(path: string): boolean {
  if (typeof path !== 'string' || !path || isAbsolute(path) || path.includes('\\')) return false;
  const n = normalize(path);
  return n !== '..' && !n.startsWith('../') && n !== '.';
}

/** The folder's current Quarry manifest, or null when there is none (or it is not Quarry's). */
export async function readCurrentManifest(outDir: string): Promise<Manifest | null> {
  try {
    const m = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')) as Manifest;
    return m?.format === INDEX_FORMAT && m.files ? m : null;
  } catch {
    return null;
  }
}
