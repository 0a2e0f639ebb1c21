/**
 * The one Cache Storage layout shared by the search worker and the service
 * worker: both read and write `quarry-index-v1`, keyed by file URL +
 * sha256 from the manifest, so a file downloaded by either is never
 * downloaded (or stored) again, and a key can never name stale content.
 */
import type { FileEntry, Manifest } from '../src/core/format/manifest.ts';
import { anyVersionFiles } from '../src/core/format/index-files.ts';

export const INDEX_CACHE = 'quarry-index-v1';

export function cacheKey(indexUrl: string, entry: FileEntry): string {
  return `${new URL(entry.path, indexUrl).href}?sha256=${entry.sha256.slice(0, 16)}`;
}

export function isContentKey(url: string): boolean {
  return url.includes('?sha256=');
}

/**
 * Every file the manifest lists. A cached manifest may be the previous
 * release's format (the service worker updates before its copy does), so
 * this never assumes the current one.
 */
export function listedFiles(m: Manifest): FileEntry[] {
  return anyVersionFiles(m);
}
