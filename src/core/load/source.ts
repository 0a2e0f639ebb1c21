/**
 * Where index files come from: the file system in Node, fetch in the browser.
 * The core only sees this interface, so both hosts load and verify an index
 * the same way.
 */
import { QuarryError, type QuarryErrorCode } from '../errors.ts';
import type { FileEntry } from '../format/manifest.ts';
import { sha256Hex } from '../format/checksum.ts';

export interface IndexSource {
  /** Folder path or URL, for messages. */
  readonly location: string;
  /**
   * Reads one file of the index; throws INDEX_NOT_FOUND / NETWORK QuarryErrors.
   * `expected` (size + sha256 from the manifest) lets a caching source key
   * and validate what it stores.
   */
  read(path: string, onProgress?: (loaded: number, total: number) => void, expected?: FileEntry): Promise<Uint8Array>;
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
  const where = `${source.location.replace(/\/$/, '')}/${entry.path}`;
  if (bytes.byteLength !== entry.bytes) {
    throw new FileLoadError(
      'INDEX_CORRUPT',
      `${where}: ${bytes.byteLength} bytes, but manifest.json lists ${entry.bytes}. The index was only partly uploaded or mixed with another build; rebuild and redeploy the whole folder.`,
      entry.path,
      `has the wrong size (${bytes.byteLength} bytes, expected ${entry.bytes})`,
    );
  }
  const hash = await sha256Hex(bytes);
  if (hash !== entry.sha256) {
    throw new FileLoadError(
      'INDEX_CORRUPT',
      `${where}: checksum mismatch (sha256 ${hash.slice(0, 12)}…, manifest.json expects ${entry.sha256.slice(0, 12)}…). Rebuild and redeploy the whole index folder.`,
      entry.path,
      'failed its checksum',
    );
  }
  return bytes;
}

export function parseJson<T>(bytes: Uint8Array, where: string): T {
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch (e) {
    throw new QuarryError('INDEX_CORRUPT', `${where}: not valid JSON (${(e as Error).message}). Rebuild the index with \`quarry build\`.`);
  }
}
