/** Reading what a Quarry index folder holds: its manifest and the files it references. */
import { readFile } from 'node:fs/promises';
import { isAbsolute, join, normalize } from 'node:path';
import { INDEX_FORMAT, type Manifest } from '../../src/core/format/manifest.ts';

/** Paths of every file a manifest references, relative to the index folder. */
export function manifestFiles(m: Manifest): string[] {
  const f = m.files;
  return [f.docs, f.vectors, f.lexical, f.terms, ...f.text, ...f.model, ...f.assets].map((e) => e.path).filter(isIndexPath);
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
