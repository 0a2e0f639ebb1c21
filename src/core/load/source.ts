/**
 * Where index files come from: the file system in Node, fetch in the browser.
 * The core only sees this interface, so both hosts load and verify an index
 * the same way.
 */
import { QuarryError } from '../errors.ts';
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

/** Reads a manifest-listed file and refuses it unless size and sha256 match. */
export async function readVerified(
  source: IndexSource,
  entry: FileEntry,
  onProgress?: (loaded: number, total: number) => void,
): Promise<Uint8Array> {
  const bytes = await source.read(entry.path, onProgress, entry);
  const where = `${source.location.replace(/\/$/, '')}/${entry.path}`;
  if (bytes.byteLength !== entry.bytes) {
    throw new QuarryError(
      'INDEX_CORRUPT',
      `${where}: ${bytes.byteLength} bytes, but manifest.json lists ${entry.bytes}. The index was only partly uploaded or mixed with another build; rebuild and redeploy the whole folder.`,
    );
  }
  const hash = await sha256Hex(bytes);
  if (hash !== entry.sha256) {
    throw new QuarryError(
      'INDEX_CORRUPT',
      `${where}: checksum mismatch (sha256 ${hash.slice(0, 12)}…, manifest.json expects ${entry.sha256.slice(0, 12)}…). Rebuild and redeploy the whole index folder.`,
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
