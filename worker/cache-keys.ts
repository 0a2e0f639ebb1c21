/**
 * The one Cache Storage layout shared by the search worker and the service
 * worker: both read and write `quarry-index-v1`, keyed by file URL +
 * sha256 from the manifest, so a file downloaded by either is never
 * downloaded (or stored) again, and a key can never name stale content.
 * Which keys a release lists, and the pruning of the rest: cache-listing.ts.
 */
import type { FileEntry } from '../src/core/format/manifest.ts';

export const INDEX_CACHE = 'quarry-index-v1';

export function cacheKey(indexUrl: string, entry: FileEntry): string {
  return `${new URL(entry.path, indexUrl).href}?sha256=${entry.sha256.slice(0, 16)}`;
}

export function isContentKey(url: string): boolean {
  return url.includes('?sha256=');
}
