/**
 * Quarry's offline support as a service-worker script (`_quarry/quarry-sw.js`).
 *
 * - Standalone: `quarry build --sw` writes `<site>/quarry-sw.js`, which sets
 *   the two globals below and imports this file; it also caches the pages
 *   a visitor opens, so the site and its search work with no network.
 * - In an existing service worker (Workbox etc.): `importScripts('/_quarry/quarry-sw.js')`
 *   after setting `self.QUARRY_INDEX_URL`; only Quarry's own files are handled.
 *
 * Every file listed in manifest.json is precached and kept in step with it:
 * a rebuilt index fetches only files whose sha256 changed; files of older
 * builds are deleted; a stale file is never served next to a new manifest.
 */
/// <reference lib="webworker" />
declare const self: ServiceWorkerGlobalScope & { QUARRY_INDEX_URL?: string; QUARRY_CACHE_PAGES?: boolean };

import type { FileEntry, Manifest } from '../src/core/format/manifest.ts';
import { sha256Hex } from '../src/core/format/checksum.ts';

const FILES_CACHE = 'quarry-sw-files-v1';
const PAGES_CACHE = 'quarry-sw-pages-v1';
const SHA_HEADER = 'x-quarry-sha256';
const indexUrl = new URL(self.QUARRY_INDEX_URL ?? '_quarry/', self.registration.scope).href;
const manifestUrl = new URL('manifest.json', indexUrl).href;
const standalone = Boolean(self.QUARRY_CACHE_PAGES);

function entries(m: Manifest): FileEntry[] {
  const f = m.files;
  return [f.docs, f.vectors, f.lexical, f.terms, ...f.text, ...f.model, ...f.assets];
}

async function fetchVerified(url: string, entry: FileEntry): Promise<Response> {
  let last: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const response = await fetch(url, { cache: 'no-cache' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      // Never keep a partial or mismatched download.
      if (bytes.byteLength !== entry.bytes || (await sha256Hex(bytes)) !== entry.sha256) throw new Error('size/checksum mismatch');
      const headers = new Headers(response.headers);
      headers.set(SHA_HEADER, entry.sha256);
      return new Response(bytes, { status: 200, headers });
    } catch (e) {
      last = e;
    }
  }
  throw new Error(`quarry-sw: could not fetch ${url}: ${(last as Error)?.message}`);
}

/** Brings the cache in line with `manifestText`: fetch what changed, delete what is gone. */
async function syncWith(manifestText: string): Promise<void> {
  const manifest = JSON.parse(manifestText) as Manifest;
  const cache = await caches.open(FILES_CACHE);
  const wanted = new Map(entries(manifest).map((e) => [new URL(e.path, indexUrl).href, e]));
  for (const [url, entry] of wanted) {
    const cached = await cache.match(url);
    if (cached?.headers.get(SHA_HEADER) === entry.sha256) continue;
    await cache.put(url, await fetchVerified(url, entry));
  }
  for (const request of await cache.keys()) {
    if (request.url !== manifestUrl && !wanted.has(request.url)) await cache.delete(request);
  }
  // The manifest goes in last: a cached manifest always has all its files.
  await cache.put(manifestUrl, new Response(manifestText, { headers: { 'Content-Type': 'application/json' } }));
}

async function refresh(): Promise<void> {
  const response = await fetch(manifestUrl, { cache: 'no-cache' });
  if (!response.ok) throw new Error(`quarry-sw: ${manifestUrl}: HTTP ${response.status}`);
  const text = await response.text();
  const cached = await (await caches.open(FILES_CACHE)).match(manifestUrl);
  if (!cached || (await cached.text()) !== text) await syncWith(text);
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

/** Network first (a new build shows up at once), cached copy offline; a changed manifest triggers a background sync. */
async function manifestResponse(event: FetchEvent): Promise<Response> {
  try {
    const response = await fetch(event.request, { cache: 'no-cache' });
    if (response.ok) event.waitUntil(refreshOnce().catch(() => undefined));
    return response;
  } catch {
    const cached = await (await caches.open(FILES_CACHE)).match(manifestUrl);
    return cached ?? Response.error();
  }
}

/** Cache first: every cached file matches the cached manifest. */
async function fileResponse(request: Request): Promise<Response> {
  const cached = await (await caches.open(FILES_CACHE)).match(request.url.split('#')[0], { ignoreSearch: true });
  return cached ?? fetch(request);
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
