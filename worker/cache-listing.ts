/**
 * Which cached files a release lists, and the clean-up of the others, for
 * the service worker and the search worker (which runs it once idle, as a
 * lazy chunk: a first keyword answer never waits for housekeeping).
 */
import { anyVersionFiles, expandShardTables, shardEntryForPath } from '../src/core/format/index-files.ts';
import type { FileEntry, Manifest } from '../src/core/format/manifest.ts';
import { cacheKey, INDEX_CACHE, isContentKey } from './cache-keys.ts';

/**
 * Every file the manifest itself lists (shard tables, not the shards they
 * list: `cachedListing`). A cached manifest may be the previous release's
 * format (the service worker updates before its copy does), so this never
 * assumes the current one.
 */
export function listedFiles(m: Manifest): FileEntry[] {
  return anyVersionFiles(m);
}

/**
 * The manifest's own files and the shards its tables list, reading each
 * table from `cache`. `complete` is false when a table is not cached (yet):
 * its shards are then unknown, and a pruner must not take them for stale.
 */
export async function cachedListing(m: Manifest, cache: Cache, indexUrl: string): Promise<{ files: FileEntry[]; complete: boolean }> {
  const { shards, unreadable } = await expandShardTables(m, async (entry) => {
    const hit = await cache.match(cacheKey(indexUrl, entry));
    if (!hit) throw new Error('not cached');
    return new Uint8Array(await hit.arrayBuffer());
  });
  return { files: [...listedFiles(m), ...shards], complete: unreadable.length === 0 };
}

/**
 * Deletes the cached files of `indexUrl` that the manifest does not list
 * (`listing`: its `cachedListing`, when the caller has just read it).
 * When a table is not cached, shards are left alone: an unknown listing
 * never costs a visitor a cached shard.
 */
export async function pruneIndexCache(m: Manifest, cache: Cache, indexUrl: string, listing?: { files: FileEntry[]; complete: boolean }): Promise<void> {
  const { files, complete } = listing ?? (await cachedListing(m, cache, indexUrl));
  const keep = new Set(files.map((e) => cacheKey(indexUrl, e)));
  for (const request of await cache.keys()) {
    const url = request.url;
    // Plain-URL entries (the service worker's manifest copy) are not ours to prune.
    if (!url.startsWith(indexUrl) || !isContentKey(url) || keep.has(url)) continue;
    if (!complete && shardEntryForPath(m, url.slice(indexUrl.length).split('?')[0])) continue;
    await cache.delete(request);
  }
}

/** The entry for a file at `path`: one the manifest lists, or a shard or table (named by its hash). */
export function entryForPath(m: Manifest, path: string): FileEntry | null {
  return listedFiles(m).find((e) => e.path === path) ?? shardEntryForPath(m, path);
}

/** Deletes cached files of earlier builds (everything the current manifest does not list); never throws. */
export async function pruneCaches(manifest: Manifest, indexUrl: string): Promise<void> {
  if (typeof caches === 'undefined') return;
  try {
    await pruneIndexCache(manifest, await caches.open(INDEX_CACHE), indexUrl);
  } catch {
    // Pruning is housekeeping; never fail a search over it.
  }
}
