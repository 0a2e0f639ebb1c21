/** Reading what a Quarry index folder holds: its manifest and the files it references. */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize } from 'node:path';
import { anyVersionFiles } from '../../src/core/format/index-files.ts';
import { INDEX_FORMAT, type Manifest } from '../../src/core/format/manifest.ts';

/** The paths a manifest lists, of any format (it may be a previous release's); a path that leaves the folder never counts. */
export function manifestFiles(m: Manifest): string[] {
  return anyVersionFiles(m)
    .map((e) => e.path)
    .filter(isIndexPath);
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
