/** Reading what a Quarry index folder holds: its manifest and the files it references. */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize } from 'node:path';
import { shardEntries } from '../../src/core/format/index-files.ts';
import { INDEX_FORMAT, type FileEntry, type Manifest, type ShardList } from '../../src/core/format/manifest.ts';

/**
 * The paths a manifest lists. Read from the folder before the new build
 * replaces it, so it may be an older format's: any file entry or shard set
 * under `files` counts, and a path that leaves the folder never does.
 */
export function manifestFiles(m: Manifest): string[] {
  const paths: string[] = [];
  for (const value of Object.values((m.files ?? {}) as Record<string, unknown>)) {
    if (Array.isArray(value)) for (const e of value) paths.push((e as FileEntry)?.path);
    else if (isShardList(value)) paths.push(...shardEntries(value).map((e) => e.path));
    else paths.push((value as FileEntry)?.path);
  }
  return paths.filter(isIndexPath);
}

function isShardList(v: unknown): v is ShardList {
  const s = v as ShardList;
  return typeof s === 'object' && s !== null && typeof s.dir === 'string' && typeof s.ext === 'string' && typeof s.hashes === 'string';
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
