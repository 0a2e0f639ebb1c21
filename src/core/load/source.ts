/**
 * Where index files come from: the file system in Node, fetch in the browser.
 * The core only sees this interface, so both hosts load and verify an index
 * the same way.
 */
import { QuarryError, type QuarryErrorCode } from '../errors.ts';
import type { FileEntry } from '../format/manifest.ts';
import { checksumMatches, sha256Hex } from '../format/checksum.ts';

export interface IndexSource {
  /** Folder path or URL, for messages. */
  readonly location: string;
  /**
   * Reads one file of the index; throws INDEX_NOT_FOUND / NETWORK QuarryErrors.
   * `expected` (size + sha256 from the manifest) lets a caching source key
   * what it stores.
   */
  read(path: string, onProgress?: (loaded: number, total: number) => void, expected?: FileEntry): Promise<Uint8Array>;
  /**
   * For a caching source: told whether the bytes `read` gave for `entry`
   * passed their size/sha256 check (readVerified is the one place that
   * hashes), so only verified files are stored. Returns true when failed
   * bytes were a stored copy, now dropped: readVerified then reads again.
   */
  settle?(entry: FileEntry, bytes: Uint8Array, ok: boolean): Promise<boolean>;
}

/**
 * A file of the index that could not be read. `problem` completes a
 * sentence about `file` ("returned 404", "failed its checksum"), so a
 * notice can say what happened without quoting the whole message.
 */
export class FileLoadError extends QuarryError {
  constructor(
    code: QuarryErrorCode,
    message: string,
    readonly file: string,
    readonly problem: string,
    options?: { cause?: unknown },
  ) {
    super(code, message, options);
  }
}

/** "returned 404" for a FileLoadError, a generic phrase for anything else. */
export function loadProblem(e: unknown): string {
  return e instanceof FileLoadError ? e.problem : 'could not be read';
}

/** Reads a manifest-listed file and refuses it unless size and sha256 match. */
export async function readVerified(
  source: IndexSource,
  entry: FileEntry,
  onProgress?: (loaded: number, total: number) => void,
): Promise<Uint8Array> {
  const bytes = await source.read(entry.path, onProgress, entry);
  const problem = await check(bytes, entry, `${source.location.replace(/\/$/, '')}/${entry.path}`);
  const retry = await source.settle?.(entry, bytes, !problem);
  if (problem && retry) return readVerified(source, entry, onProgress); // a stale cached copy: the next read fetches it anew
  if (problem) throw problem;
  return bytes;
}

async function check(bytes: Uint8Array, entry: FileEntry, where: string): Promise<FileLoadError | null> {
  if (entry.bytes !== undefined && bytes.byteLength !== entry.bytes) {
    return new FileLoadError(
      'INDEX_CORRUPT',
      `${where}: ${bytes.byteLength} bytes, but manifest.json lists ${entry.bytes}. The index was only partly uploaded or mixed with another build; rebuild and redeploy the whole folder.`,
      entry.path,
      `has the wrong size (${bytes.byteLength} bytes, expected ${entry.bytes})`,
    );
  }
  const hash = await sha256Hex(bytes);
  if (!checksumMatches(hash, entry.sha256)) {
    return new FileLoadError(
      'INDEX_CORRUPT',
      `${where}: checksum mismatch (sha256 ${hash.slice(0, 12)}…, manifest.json expects ${entry.sha256.slice(0, 12)}…). Rebuild and redeploy the whole index folder.`,
      entry.path,
      'failed its checksum',
    );
  }
  return null;
}

export function parseJson<T>(bytes: Uint8Array, where: string): T {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch (e) {
    throw new QuarryError('INDEX_CORRUPT', `${where}: not valid JSON (${(e as Error).message}). Rebuild the index with \`quarry build\`.`);
  }
}

/**
 * `make()` once per key, shared by every caller: a file is fetched and
 * checked once however many queries ask for it. A network failure is
 * forgotten, so the next call retries; a missing or corrupt file stays
 * failed (no refetch per keystroke).
 */
export function loadOnce<K, V>(cache: Map<K, Promise<V>>, key: K, make: () => Promise<V>): Promise<V> {
  let p = cache.get(key);
  if (!p) {
    p = make();
    p.catch((e: unknown) => {
      if ((e as QuarryError)?.code === 'NETWORK') cache.delete(key);
    });
    cache.set(key, p);
  }
  return p;
}
