/**
 * Keeps index, runtime and model downloads in Cache Storage so a visitor
 * never downloads them twice, with or without the service worker (which
 * shares this cache, see cache-keys.ts). Entries are checked against the
 * manifest's size and sha256 before they are stored or used: a partial or
 * stale download is never served, and entries the current manifest no
 * longer lists are deleted.
 */
import type { Manifest } from '../src/core/format/manifest.ts';
import { sha256Hex } from '../src/core/format/checksum.ts';
import type { IndexSource } from '../src/core/load/source.ts';
import { cacheKey as keyFor, INDEX_CACHE, isContentKey, listedFiles } from './cache-keys.ts';

async function openCache(): Promise<Cache | null> {
  try {
    return typeof caches === 'undefined' ? null : await caches.open(INDEX_CACHE);
  } catch {
    // Storage disabled (private mode, quota): work uncached.
    return null;
  }
}

export function cachedSource(inner: IndexSource): IndexSource {
  const base = inner.location;
  return {
    location: base,
    async read(path, onProgress, expected) {
      const cache = expected ? await openCache() : null;
      if (!cache || !expected) return inner.read(path, onProgress, expected);
      const key = keyFor(base, expected);
      const hit = await cache.match(key).catch(() => undefined);
      if (hit) {
        const bytes = new Uint8Array(await hit.arrayBuffer());
        if (bytes.byteLength === expected.bytes && (await sha256Hex(bytes)) === expected.sha256) {
          onProgress?.(bytes.byteLength, bytes.byteLength);
          return bytes;
        }
        await cache.delete(key);
      }
      const bytes = await inner.read(path, onProgress, expected);
      if (bytes.byteLength === expected.bytes && (await sha256Hex(bytes)) === expected.sha256) {
        await cache.put(key, new Response(bytes as unknown as BodyInit)).catch(() => undefined);
      }
      return bytes;
    },
  };
}

/** Deletes cached files of earlier builds: everything the current manifest does not list. */
export async function pruneCaches(manifest: Manifest, indexUrl: string): Promise<void> {
  if (typeof caches === 'undefined') return;
  try {
    const cache = await caches.open(INDEX_CACHE);
    const keep = new Set(listedFiles(manifest).map((e) => keyFor(indexUrl, e)));
    for (const request of await cache.keys()) {
      // Plain-URL entries (the service worker's manifest copy) are not ours to prune.
      if (request.url.startsWith(indexUrl) && isContentKey(request.url) && !keep.has(request.url)) await cache.delete(request);
    }
  } catch {
    // Pruning is housekeeping; never fail a search over it.
  }
}
