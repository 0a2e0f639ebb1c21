/**
 * Keeps index, runtime and model downloads in Cache Storage so a visitor
 * never downloads them twice, with or without the service worker (which
 * shares this cache, see cache-keys.ts). This source hashes nothing itself:
 * readVerified checks every read against the manifest's size and sha256
 * once, and `settle` stores a download only after it passed, or drops a
 * stored copy that failed (readVerified then fetches it anew). Entries the
 * current manifest no longer lists are deleted later (cache-listing.ts).
 */
import type { Manifest } from '../src/core/format/manifest.ts';
import type { IndexSource } from '../src/core/load/source.ts';
import { cacheKey as keyFor, INDEX_CACHE } from './cache-keys.ts';

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
  /** Bytes served from the cache (not yet settled): those are never stored again. */
  const fromCache = new WeakSet<Uint8Array>();
  /** Keys whose stored copy failed its check: read past the cache once. */
  const dropped = new Set<string>();
  return {
    location: base,
    async read(path, onProgress, expected) {
      const cache = expected ? await openCache() : null;
      if (!cache || !expected) return inner.read(path, onProgress, expected);
      const key = keyFor(base, expected);
      const hit = dropped.delete(key) ? undefined : await cache.match(key).catch(() => undefined);
      if (hit) {
        const bytes = new Uint8Array(await hit.arrayBuffer());
        fromCache.add(bytes);
        onProgress?.(bytes.byteLength, bytes.byteLength);
        return bytes;
      }
      return inner.read(path, onProgress, expected);
    },
    async settle(entry, bytes, ok) {
      const cached = fromCache.delete(bytes);
      const cache = await openCache();
      if (!cache) return false;
      const key = keyFor(base, entry);
      if (ok) {
        if (!cached) await cache.put(key, new Response(bytes as unknown as BodyInit)).catch(() => undefined);
        return false;
      }
      if (!cached) return false; // a bad download: nothing stored, nothing to retry from here
      await cache.delete(key).catch(() => undefined);
      dropped.add(key);
      return true;
    },
  };
}
