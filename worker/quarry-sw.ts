/**
 * Quarry's offline support as a service-worker script (`_quarry/quarry-sw.js`).
 *
 * - Standalone: `quarry build --sw` writes `<site>/quarry-sw.js`, which sets
 *   the two globals below and imports this file; it also caches the pages
 *   a visitor opens, so the site and its search work with no network.
 * - In an existing service worker (Workbox etc.): `importScripts('/_quarry/quarry-sw.js')`
 *   after setting `self.QUARRY_INDEX_URL`; only Quarry's own files are handled.
 *
 * It shares the search worker's cache (cache-keys.ts): whatever the worker
 * already downloaded is not fetched again, and vice versa. On install and
 * whenever manifest.json changes it fills in the files the manifest lists
 * that are still missing — small ones first, so the search worker's own
 * downloads of the model and runtime usually land before it gets to them —
 * and deletes files of older builds. The manifest copy is stored last, so a
 * cached manifest always has all its files.
 */
/// <reference lib="webworker" />
declare const self: ServiceWorkerGlobalScope & { QUARRY_INDEX_URL?: string; QUARRY_CACHE_PAGES?: boolean };

import type { FileEntry, Manifest } from '../src/core/format/manifest.ts';
import { checksumMatches, sha256Hex } from '../src/core/format/checksum.ts';
import { cacheKey, INDEX_CACHE } from './cache-keys.ts';
import { cachedListing, entryForPath, listedFiles, pruneIndexCache } from './cache-listing.ts';

const PAGES_CACHE = 'quarry-sw-pages-v1';
const indexUrl = new URL(self.QUARRY_INDEX_URL ?? '_quarry/', self.registration.scope).href;
const manifestUrl = new URL('manifest.json', indexUrl).href;
const standalone = Boolean(self.QUARRY_CACHE_PAGES);
/** Only browsers with a GPU adapter load the asyncify runtime; the search worker caches it when they do. */
const ON_DEMAND = /\/ort-wasm-simd-threaded\.asyncify\./;
const SYNC_FETCHES = 6;

async function fetchVerified(url: string, entry: FileEntry): Promise<Response> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const response = await fetch(url, { cache: 'no-cache' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      // Never keep a partial or mismatched download.
      if ((entry.bytes !== undefined && bytes.byteLength !== entry.bytes) || !checksumMatches(await sha256Hex(bytes), entry.sha256)) throw new Error('size/checksum mismatch');
      return new Response(bytes, { status: 200, headers: { 'Content-Type': response.headers.get('Content-Type') ?? 'application/octet-stream' } });
    } catch (e) {
      last = e;
    }
  }
  throw new Error(`quarry-sw: could not fetch ${url}: ${(last as Error)?.message}`);
}

/** Brings the cache in line with `manifestText`: fetch what is missing, delete what is gone. */
async function syncWith(manifestText: string): Promise<void> {
  const manifest = JSON.parse(manifestText) as Manifest;
  const cache = await caches.open(INDEX_CACHE);
  // The manifest's own files first, shard tables among them; then the shards those tables list.
  await fetchMissing(cache, listedFiles(manifest));
  const listing = await cachedListing(manifest, cache, indexUrl);
  await fetchMissing(cache, listing.files);
  await pruneIndexCache(manifest, cache, indexUrl, listing);
  await cache.put(manifestUrl, new Response(manifestText, { headers: { 'Content-Type': 'application/json' } }));
}

async function fetchMissing(cache: Cache, wanted: FileEntry[]): Promise<void> {
  const todo = wanted.filter((e) => !ON_DEMAND.test(e.path)).sort((a, b) => (a.bytes ?? 0) - (b.bytes ?? 0));
  // A large manual has a thousand small shards: a few fetches at a time, not one, and not all at once.
  let next = 0;
  const fetcher = async (): Promise<void> => {
    while (next < todo.length) {
      const entry = todo[next++];
      const key = cacheKey(indexUrl, entry);
      // Checked right before each fetch: the search worker may have just stored it.
      if (await cache.match(key)) continue;
      await cache.put(key, await fetchVerified(new URL(entry.path, indexUrl).href, entry));
    }
  };
  await Promise.all(Array.from({ length: SYNC_FETCHES }, fetcher));
}

async function cachedManifestText(): Promise<string | null> {
  const cached = await (await caches.open(INDEX_CACHE)).match(manifestUrl);
  return cached ? cached.text() : null;
}

async function refresh(): Promise<void> {
  const response = await fetch(manifestUrl, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`quarry-sw: ${manifestUrl}: HTTP ${response.status}`);
  const text = await response.text();
  if ((await cachedManifestText()) !== text) await syncWith(text);
}

let refreshing: Promise<void> | null = null;
function refreshOnce(): Promise<void> {
  refreshing ??= refresh().finally(() => (refreshing = null));
  return refreshing;
}

self.addEventListener('install', (event) => {
  event.waitUntil(refreshOnce().catch((e) => console.warn(String(e))));
  if (standalone) void self.skipWaiting();
});

self.addEventListener('activate', (event) => {
  if (standalone) event.waitUntil(self.clients.claim());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = request.url.split('#')[0];
  if (url === manifestUrl) {
    event.respondWith(manifestResponse(event));
  } else if (url.startsWith(indexUrl)) {
    event.respondWith(fileResponse(request));
  } else if (standalone && request.mode === 'navigate') {
    event.respondWith(pageResponse(event));
  }
});

/** Network first (a new build shows up at once), the cached copy offline; a changed manifest triggers a background sync. */
async function manifestResponse(event: FetchEvent): Promise<Response> {
  try {
    const response = await fetch(event.request, { cache: 'no-cache' });
    if (response.ok) event.waitUntil(refreshOnce().catch(() => undefined));
    return response;
  } catch {
    const cached = await (await caches.open(INDEX_CACHE)).match(manifestUrl);
    return cached ?? Response.error();
  }
}

/** The cached copy of the file the current manifest lists at this URL, else the network. */
async function fileResponse(request: Request): Promise<Response> {
  const text = await cachedManifestText();
  if (text) {
    const path = request.url.split(/[?#]/)[0].slice(indexUrl.length);
    const entry = entryForPath(JSON.parse(text) as Manifest, path);
    const cached = entry && (await (await caches.open(INDEX_CACHE)).match(cacheKey(indexUrl, entry)));
    if (cached) return cached;
  }
  return fetch(request);
}

async function pageResponse(event: FetchEvent): Promise<Response> {
  const cache = await caches.open(PAGES_CACHE);
  try {
    const response = await fetch(event.request);
    if (response.ok) event.waitUntil(cache.put(event.request, response.clone()));
    return response;
  } catch {
    return (await cache.match(event.request, { ignoreSearch: true })) ?? Response.error();
  }
}
