/**
 * Walks a built site folder and yields the files to index, in a stable
 * order (byte-wise sorted names, depth first) so builds are reproducible.
 * Holds one directory listing per level of depth, never the whole tree.
 * Problems with single files or folders become warnings, never errors.
 */
import { opendir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import picomatch from 'picomatch';
import type { ExtractWarning } from './extract/types.ts';

export interface CrawlEntry {
  kind: 'file';
  absPath: string;
  /** Relative to the site root, posix separators. */
  relPath: string;
  bytes: Buffer;
}

export interface CrawlWarning extends ExtractWarning {
  kind: 'warning';
}

export interface CrawlOptions {
  include: string[];
  exclude: string[];
  maxFileBytes: number;
}

function errReason(e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  return err?.code ? `${err.code}: ${err.message}` : String(e);
}

/** Byte-wise order: locale-independent, the same on every machine. */
function byName(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

async function listDir(dir: string): Promise<Array<{ name: string; isDir: boolean; isFile: boolean; isLink: boolean }>> {
  const out = [];
  const handle = await opendir(dir);
  for await (const d of handle) out.push({ name: d.name, isDir: d.isDirectory(), isFile: d.isFile(), isLink: d.isSymbolicLink() });
  return out.sort((a, b) => byName(a.name, b.name));
}

export async function* crawlSite(siteDir: string, options: CrawlOptions): AsyncGenerator<CrawlEntry | CrawlWarning> {
  const included = picomatch(options.include.length ? options.include : ['**/*']);
  const excluded = options.exclude.length ? picomatch(options.exclude) : () => false;
  // "dir/**" excludes let us skip whole folders (node_modules, _quarry) unread.
  const dirPatterns = options.exclude.filter((p) => p.endsWith('/**')).map((p) => p.slice(0, -3));
  const prunedDir = dirPatterns.length ? picomatch(dirPatterns) : () => false;
  const warn = (file: string, reason: string): CrawlWarning => ({ kind: 'warning', file, reason });

  const root = path.resolve(siteDir);
  const rootReal = await realpath(root);
  /** Real path of every folder entered → the relative path it was crawled as. */
  const visited = new Map<string, string>([[rootReal, '.']]);
  /**
   * Symlinked folders are crawled after the real tree, so files keep their
   * real paths and an alias is the one reported as a duplicate.
   */
  const deferred: Array<{ abs: string; rel: string }> = [];

  async function* walk(absDir: string, relDir: string): AsyncGenerator<CrawlEntry | CrawlWarning> {
    let entries;
    try {
      entries = await listDir(absDir);
    } catch (e) {
      yield warn(relDir || '.', `folder unreadable (${errReason(e)})`);
      return;
    }
    for (const ent of entries) {
      const abs = path.join(absDir, ent.name);
      const rel = relDir ? `${relDir}/${ent.name}` : ent.name;
      let isDir = ent.isDir;
      let isFile = ent.isFile;
      let size = -1;
      if (ent.isLink) {
        try {
          const st = await stat(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
          size = st.size;
        } catch (e) {
          if (isIncludedPath(rel)) yield warn(rel, `broken symlink (${errReason(e)})`);
          continue;
        }
      }
      if (isDir) {
        if (prunedDir(rel) || excluded(rel)) continue;
        if (ent.isLink) {
          deferred.push({ abs, rel });
          continue;
        }
        let real: string;
        try {
          real = await realpath(abs);
        } catch (e) {
          yield warn(rel, `folder unreadable (${errReason(e)})`);
          continue;
        }
        if (visited.has(real)) continue; // reached through a symlinked parent
        visited.set(real, rel);
        yield* walk(abs, rel);
        continue;
      }
      if (!isFile || !isIncludedPath(rel)) continue;
      try {
        if (size < 0) size = (await stat(abs)).size;
        if (size > options.maxFileBytes) {
          yield warn(rel, `file is ${size} bytes, over maxFileBytes (${options.maxFileBytes}), skipped`);
          continue;
        }
        const bytes = await readFile(abs);
        yield { kind: 'file', absPath: abs, relPath: rel, bytes };
      } catch (e) {
        // Node reads names that are not UTF-8 with U+FFFD in place of the bad
        // bytes, and that name then does not exist.
        const badName = ent.name.includes('\ufffd') && (e as NodeJS.ErrnoException)?.code === 'ENOENT';
        yield warn(rel, badName ? 'file name is not valid UTF-8, skipped (rename the file)' : `unreadable (${errReason(e)})`);
      }
    }
  }

  async function* followLink(abs: string, rel: string): AsyncGenerator<CrawlEntry | CrawlWarning> {
    let real: string;
    let parentReal: string;
    try {
      real = await realpath(abs);
      parentReal = await realpath(path.dirname(abs));
    } catch (e) {
      yield warn(rel, `folder unreadable (${errReason(e)})`);
      return;
    }
    if (parentReal === real || parentReal.startsWith(real + path.sep)) {
      yield warn(rel, `symlink loop (points back to ${visited.get(real) ?? real}), skipped`);
    } else if (visited.has(real)) {
      yield warn(rel, `symlink to a folder already crawled as ${visited.get(real)}, skipped`);
    } else {
      visited.set(real, rel);
      yield* walk(abs, rel);
    }
  }

  function isIncludedPath(rel: string): boolean {
    return included(rel) && !excluded(rel);
  }

  yield* walk(root, '');
  // Links found while following links are appended and handled in turn.
  for (let i = 0; i < deferred.length; i++) yield* followLink(deferred[i].abs, deferred[i].rel);
}
