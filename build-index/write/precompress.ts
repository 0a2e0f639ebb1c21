/**
 * `--precompress`: `.br` and `.gz` siblings of the index files, for servers
 * that send a precompressed copy instead of compressing each response (nginx
 * `gzip_static`/`brotli_static`, `quarry serve`; see docs/deployment.md).
 *
 * The siblings have a ledger of their own (`build-compressed.json`, present
 * only while there are siblings): each file that has siblings, with the
 * sha256 of the bytes they were made from.
 * It is written before a sibling is placed, so a build killed midway leaves
 * siblings the next build finds. Every build (with or without the flag)
 * removes the listed siblings whose file is gone, changed or no longer one
 * of Quarry's, and all of them without the flag; a sibling Quarry did not
 * write is never touched. An unchanged file (the model, the runtime) keeps
 * its siblings, so a rebuild does not compress 37 MB again.
 *
 * Kept apart from build-files.json on purpose: the index writer deletes
 * every file of that ledger the two live manifests do not list, and the
 * siblings of unchanged files must survive a rebuild.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile, rm, stat } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { extname, join } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { writeFileAtomic } from './atomic-file.ts';
import { isIndexPath } from './index-folder.ts';
import { removeFiles } from './place-files.ts';

export const COMPRESSED_LEDGER_FILE = 'build-compressed.json';
const LEDGER_FORMAT = 'quarry-build-compressed';

export type SiblingEncoding = 'br' | 'gz';
export const SIBLING_ENCODINGS: readonly SiblingEncoding[] = ['br', 'gz'];

/** What the build writes and browsers fetch: JSON, scripts, index binaries, WebAssembly, ONNX (and text-like assets). */
const COMPRESSIBLE = new Set(['.json', '.js', '.mjs', '.bin', '.wasm', '.onnx', '.css', '.map', '.svg', '.txt', '.html']);
const TEXT = new Set(['.json', '.js', '.mjs', '.css', '.map', '.svg', '.txt', '.html']);
/** Smaller files gain nothing worth a request's headers. */
const MIN_BYTES = 1024;
/** A sibling must save at least this share of the file (the int8 model saves ~14 %, JSON ~90 %). */
const MIN_SAVING = 0.05;

/**
 * Brotli's best quality (11) is ~10× slower than 9 and ~40× slower than 5:
 * it is worth it for the files fetched first (manifest, small shards, the
 * runtime's glue), not for multi-MB binaries (on a 2-core machine q11 takes
 * ~3 min for the 14 MB runtime, for 20 % → 16 %).
 */
export function brotliQuality(bytes: number): number {
  if (bytes <= 64 * 1024) return 11;
  if (bytes <= 4 * 1024 * 1024) return 9;
  return 5;
}

export function isPrecompressible(path: string): boolean {
  return COMPRESSIBLE.has(extname(path).toLowerCase()) && !isBuildRecord(path);
}

/** Build records stay on the build machine's side: browsers never fetch them. */
function isBuildRecord(path: string): boolean {
  return ['build-cache.json', 'build-files.json', COMPRESSED_LEDGER_FILE].includes(path);
}

export function siblingPath(path: string, encoding: SiblingEncoding): string {
  return `${path}.${encoding}`;
}

interface LedgerEntry {
  /** sha256 of the file the siblings were made from ('' while they are being written). */
  sha256: string;
  /** The sibling paths written for it. */
  siblings: string[];
}

interface CompressedLedger {
  format: typeof LEDGER_FORMAT;
  version: 1;
  files: Record<string, LedgerEntry>;
}

export interface PrecompressRequest {
  /** Write siblings (false: only remove the ones a previous build wrote). */
  enabled: boolean;
  /** Files of the new generation, relative to the index folder. */
  files: string[];
  /** Files Quarry still owns (the new and the previous generation): their unchanged siblings are kept. */
  owned: Set<string>;
}

export interface PrecompressResult {
  /** Siblings now in the folder (written or kept), with their sizes. */
  siblings: Array<{ path: string; bytes: number }>;
  /** How many of them this build compressed (the others were unchanged). */
  compressed: number;
  removed: string[];
  /** Sibling names already taken by files Quarry did not write (not overwritten, not served as Quarry's). */
  foreign: string[];
}

export async function updateCompressedSiblings(outDir: string, request: PrecompressRequest): Promise<PrecompressResult> {
  const old = await readCompressedLedger(outDir);
  const next: Record<string, LedgerEntry> = {};
  const drop: string[] = [];
  const shaOf = memo((path: string) => sha256File(join(outDir, path)));
  // Hashed here, not taken from the manifest: a sharded file's manifest entry holds only a prefix of its sha256.
  const wanted = new Set(request.enabled ? request.files.filter(isPrecompressible) : []);

  // 1. What a previous build wrote: keep it while its file is unchanged and still Quarry's.
  for (const [path, entry] of Object.entries(old)) {
    const keep =
      request.enabled &&
      (wanted.has(path) || request.owned.has(path)) &&
      entry.sha256 !== '' &&
      (await currentSha(outDir, path, shaOf)) === entry.sha256 &&
      (await allExist(outDir, entry.siblings));
    if (keep) next[path] = entry;
    else drop.push(...entry.siblings);
  }
  // 2. Files of this generation without siblings yet.
  const todo = [...wanted].filter((p) => !next[p]);
  if (todo.length) {
    // Listed before they are placed, so a killed build's siblings are found and removed next time.
    const pending = { ...old, ...next };
    for (const p of todo) pending[p] = { sha256: '', siblings: [...new Set([...(old[p]?.siblings ?? []), ...SIBLING_ENCODINGS.map((e) => siblingPath(p, e))])] };
    await writeCompressedLedger(outDir, pending);
  }
  // Stale siblings go before new ones are written under the same names.
  await removeFiles(outDir, drop.filter(isIndexPath));
  let compressed = 0;
  const foreign: string[] = [];
  await forEachLimited(todo, Math.max(1, Math.min(4, availableParallelism())), async (path) => {
    const bytes = await readFile(join(outDir, path));
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const siblings: string[] = [];
    for (const encoding of SIBLING_ENCODINGS) {
      const target = siblingPath(path, encoding);
      // A file under that name that no build of ours listed is someone else's: left as it is.
      if (!old[path]?.siblings.includes(target) && (await stat(join(outDir, target)).catch(() => null))) {
        foreign.push(target);
        continue;
      }
      const packed = bytes.byteLength < MIN_BYTES ? null : await compress(bytes, encoding, TEXT.has(extname(path).toLowerCase()));
      if (packed && packed.byteLength < bytes.byteLength * (1 - MIN_SAVING)) {
        await writeFileAtomic(join(outDir, target), packed);
        siblings.push(target);
        compressed++;
      }
    }
    next[path] = { sha256, siblings };
  });
  await writeCompressedLedger(outDir, next);

  const siblings: PrecompressResult['siblings'] = [];
  for (const entry of Object.values(next)) for (const s of entry.siblings) siblings.push({ path: s, bytes: (await stat(join(outDir, s))).size });
  return { siblings: siblings.sort((a, b) => a.path.localeCompare(b.path)), compressed, removed: drop.sort(), foreign: foreign.sort() };
}

async function compress(bytes: Uint8Array, encoding: SiblingEncoding, text: boolean): Promise<Buffer> {
  if (encoding === 'gz') return promisify(gzip)(bytes, { level: 9 });
  return promisify(brotliCompress)(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: brotliQuality(bytes.byteLength),
      [constants.BROTLI_PARAM_MODE]: text ? constants.BROTLI_MODE_TEXT : constants.BROTLI_MODE_GENERIC,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength,
      // A 16 MB window (the default is 4 MB): the runtime and the model repeat themselves across more than 4 MB.
      [constants.BROTLI_PARAM_LGWIN]: 24,
    },
  });
}

/** The file's sha256 now, or null when it is gone. */
async function currentSha(outDir: string, path: string, shaOf: (p: string) => Promise<string>): Promise<string | null> {
  if (!isIndexPath(path)) return null;
  const info = await stat(join(outDir, path)).catch(() => null);
  if (!info?.isFile()) return null;
  return shaOf(path);
}

async function allExist(outDir: string, paths: string[]): Promise<boolean> {
  for (const p of paths) if (!isIndexPath(p) || !(await stat(join(outDir, p)).catch(() => null))?.isFile()) return false;
  return true;
}

async function readCompressedLedger(outDir: string): Promise<Record<string, LedgerEntry>> {
  try {
    const l = JSON.parse(await readFile(join(outDir, COMPRESSED_LEDGER_FILE), 'utf8')) as CompressedLedger;
    if (l.format !== LEDGER_FORMAT || typeof l.files !== 'object' || l.files === null) return {};
    const files: Record<string, LedgerEntry> = {};
    for (const [path, e] of Object.entries(l.files)) {
      // Ledger text is never trusted blindly: only siblings of this very file, inside the folder.
      if (!isIndexPath(path) || typeof e?.sha256 !== 'string' || !Array.isArray(e.siblings)) continue;
      const siblings = e.siblings.filter((s): s is string => SIBLING_ENCODINGS.some((enc) => s === siblingPath(path, enc)));
      files[path] = { sha256: e.sha256, siblings };
    }
    return files;
  } catch {
    return {};
  }
}

/** An index that has no siblings has no ledger of them either: builds without --precompress add no file. */
async function writeCompressedLedger(outDir: string, files: Record<string, LedgerEntry>): Promise<void> {
  if (!Object.keys(files).length) return rm(join(outDir, COMPRESSED_LEDGER_FILE), { force: true });
  const sorted = Object.fromEntries(Object.entries(files).sort(([a], [b]) => a.localeCompare(b)));
  const ledger: CompressedLedger = { format: LEDGER_FORMAT, version: 1, files: sorted };
  await writeFileAtomic(join(outDir, COMPRESSED_LEDGER_FILE), JSON.stringify(ledger));
}

async function forEachLimited<T>(items: T[], limit: number, f: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await f(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

function memo<T>(f: (key: string) => Promise<T>): (key: string) => Promise<T> {
  const seen = new Map<string, Promise<T>>();
  return (key) => {
    let p = seen.get(key);
    if (!p) seen.set(key, (p = f(key)));
    return p;
  };
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
