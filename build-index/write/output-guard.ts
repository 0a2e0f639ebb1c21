/**
 * Quarry replaces only its own files, so an output folder must be new, empty
 * or a Quarry index, and never the site itself or a folder around it:
 * `--out site`, `--out site/assets` or `outDir: "."` are refused before
 * anything is read or written.
 */
import { existsSync } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, relative } from 'node:path';
import { QuarryError } from '../../src/core/errors.ts';
import { tempFileOwner } from './atomic-file.ts';
import { LOCK_FILE } from './build-lock.ts';
import { readCurrentManifest } from './index-folder.ts';
import { hasLedger } from './ledger.ts';

const HOW = 'Pass a new or empty folder, or an existing Quarry index, as --out (or outDir in quarry.config.json); the default is <site>/_quarry.';

export async function checkOutputFolder(siteDir: string, outDir: string): Promise<void> {
  const site = await realpath(siteDir);
  const out = await realpathOfPossiblyMissing(outDir);
  if (out === site) {
    throw new QuarryError('BAD_OPTION', `Refusing to write the index into ${outDir}: it is the site folder itself, and Quarry would replace your pages. ${HOW}`);
  }
  if (isInside(site, out)) {
    throw new QuarryError('BAD_OPTION', `Refusing to write the index into ${outDir}: it contains the site folder ${siteDir}. ${HOW}`);
  }
  if (!existsSync(outDir)) return;
  if (!(await stat(outDir)).isDirectory()) {
    throw new QuarryError('OUTPUT_UNWRITABLE', `Cannot write the index to ${outDir}: it is a file, not a folder. ${HOW}`);
  }
  const kind = await folderKind(outDir);
  if (kind.kind === 'foreign') {
    throw new QuarryError(
      'BAD_OPTION',
      `Refusing to write the index into ${outDir}: it already holds files that are not a Quarry index (${kind.examples.join(', ')}${kind.more ? ', …' : ''}), and Quarry only replaces files it wrote itself. ${HOW}`,
    );
  }
}

type FolderKind = { kind: 'empty' } | { kind: 'index' } | { kind: 'foreign'; examples: string[]; more: boolean };

export async function folderKind(dir: string): Promise<FolderKind> {
  const names = (await readdir(dir)).sort();
  if (!names.length) return { kind: 'empty' };
  if ((await readCurrentManifest(dir)) || (await hasLedger(dir))) return { kind: 'index' };
  // A first build killed before it wrote anything leaves only its lock or temp files.
  const foreign = names.filter((n) => n !== LOCK_FILE && tempFileOwner(n) === null);
  return foreign.length ? { kind: 'foreign', examples: foreign.slice(0, 3), more: foreign.length > 3 } : { kind: 'index' };
}

/** `inner` is strictly below `outer`. */
function isInside(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel !== '' && rel !== '..' && !rel.startsWith('../') && !rel.startsWith('..\\') && !isAbsolute(rel);
}

/** Resolves symlinks in the part of `path` that exists, so `--out` through a link is caught too. */
async function realpathOfPossiblyMissing(path: string): Promise<string> {
  const missing: string[] = [];
  let p = path;
  for (;;) {
    try {
      return join(await realpath(p), ...missing.reverse());
    } catch {
      const parent = dirname(p);
      if (parent === p) return path;
      missing.push(basename(p));
      p = parent;
    }
  }
}
