/**
 * Repeat visits, caching and offline (the "bytes transferred" issue): what
 * the server sends for the first hybrid search on a first visit and on a
 * repeat visit, without and with Quarry's service worker, and whether a
 * hybrid search still works offline after one visit with it.
 *
 * Bytes are counted on the server (serveStatic's onRequest + the sizes of
 * the files it sent), so requests made by the search worker and the
 * service worker count as much as the page's own.
 */
import { existsSync } from 'node:fs';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import type { BenchBrowser } from './browser.ts';
import { gzipBytes, log } from './util.ts';

// The service worker shares the search worker's cache (worker/cache-keys.ts).
import { cacheKey, INDEX_CACHE } from '../worker/cache-keys.ts';
import { allIndexFiles } from '../src/core/format/index-files.ts';
import type { Manifest } from '../src/core/format/manifest.ts';
export const SW_FILES_CACHE = INDEX_CACHE;

export interface Served {
  requests: number;
  bytes: number;
  gzipBytes: number;
  files: Array<{ path: string; bytes: number; status: number }>;
}

export interface OfflineScenario {
  id: string;
  what: string;
  serviceWorker: boolean;
  /** Until the first hybrid answer. */
  served: Served;
  /** Navigation (or reload) → first hybrid answer, ms; null when it never came. */
  ms: number | null;
  /** A hybrid answer with results arrived. */
  works: boolean;
  /** First visit with the service worker: what it still downloaded after the answer, until its cache held the manifest. */
  precache?: Served & { ms: number };
  /** First visit with the service worker: what its cache held once the manifest was in it. */
  swCache?: { files: number; bytes: number; missing: string[] };
  /** The page was controlled by the service worker when the search ran. */
  controlled?: boolean;
  error?: string;
}

/** The bootstrap `quarry build --sw` writes at the site root, pointed at the bench index. */
export async function writeSwBootstrap(site: string): Promise<string> {
  await writeFile(
    join(site, 'quarry-sw.js'),
    `// Written by bench/offline.ts, as quarry build --sw would.\nself.QUARRY_INDEX_URL = '_quarry/';\nself.QUARRY_CACHE_PAGES = true;\nimportScripts('_quarry/quarry-sw.js');\n`,
  );
  return '/quarry-sw.js';
}

async function servedSince(b: BenchBrowser, from: number, to = b.served.length): Promise<Served> {
  const out: Served = { requests: 0, bytes: 0, gzipBytes: 0, files: [] };
  for (const { path, status } of b.served.slice(from, to)) {
    const local = join(b.site, path);
    // The test server answers 200 with the whole file (no compression, no 304s); errors carry a few bytes of text.
    const isFile = status === 200 && !path.endsWith('/') && existsSync(local) && (await stat(local)).isFile();
    const bytes = isFile ? (await stat(local)).size : 0;
    out.requests++;
    out.bytes += bytes;
    out.gzipBytes += isFile ? await gzipBytes(local) : 0;
    out.files.push({ path, bytes, status });
  }
  return out;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Polls from Node until the service worker's cache holds `url`. (Not
 * page.waitForFunction: it does not await an async predicate — the returned
 * Promise is truthy, so it resolves on the first poll.)
 */
async function swCacheHolds(page: Page, url: string, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const held = await page.evaluate(async ([cache, u]) => Boolean(await (await caches.open(cache)).match(u)), [SW_FILES_CACHE, url] as const);
    if (held) return true;
    await sleep(250);
  }
  return false;
}

/** Loads (or reloads) the page and runs one hybrid search; the time is from navigation to the hybrid answer. */
async function visit(page: Page, go: () => Promise<unknown>, query: string, timeoutMs: number): Promise<{ ms: number | null; works: boolean; controlled: boolean; error?: string }> {
  const t0 = Date.now();
  try {
    await go();
    await page.waitForFunction(() => Boolean(window.bench), undefined, { timeout: timeoutMs });
    const r = await page.evaluate(
      async ([q, limit]) => {
        const timeout = new Promise<never>((_, fail) => setTimeout(() => fail(new Error(`no hybrid answer in ${limit} ms`)), limit));
        const urls = await Promise.race([window.bench.search(q, 'hybrid'), timeout]);
        return { urls, last: window.bench.stages?.at(-1)?.stage ?? null, controlled: Boolean(navigator.serviceWorker?.controller) };
      },
      [query, timeoutMs] as const,
    );
    const ms = Date.now() - t0;
    const works = r.urls.length > 0 && r.last === 'hybrid';
    return { ms, works, controlled: r.controlled, error: works ? undefined : `answer stage ${r.last}, ${r.urls.length} results` };
  } catch (e) {
    return { ms: null, works: false, controlled: false, error: (e as Error).message.split('\n')[0] };
  }
}

/**
 * (a)/(b) without the service worker, (c)/(d)/(e) with it; each pair in one
 * browser context (Cache Storage and the service worker persist across the
 * reload, as for a returning visitor). `pagePath` must load the bench script
 * inline, so that the service worker's page cache can serve it offline.
 */
export async function offlineScenarios(b: BenchBrowser, pagePath: string, swUrl: string, query: string): Promise<OfflineScenario[]> {
  const out: OfflineScenario[] = [];
  const pageUrl = (sw: boolean) => `${b.server.url}${pagePath}?eager=1${sw ? `&sw=${encodeURIComponent(swUrl)}` : ''}`;
  const manifestUrl = `${b.server.url}/_quarry/manifest.json`;

  const run = async (sw: boolean) => {
    const context: BrowserContext = await b.browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (e) => log(`  [page error] ${e.message}`));
    try {
      // First visit.
      let mark = b.served.length;
      const first = await visit(page, () => page.goto(pageUrl(sw)), query, 120_000);
      const firstEnd = b.served.length;
      const firstRow: OfflineScenario = {
        id: sw ? 'c' : 'a',
        what: sw ? 'first visit, with the service worker' : 'first visit, no service worker',
        serviceWorker: sw,
        served: await servedSince(b, mark, firstEnd),
        ms: first.ms,
        works: first.works,
        controlled: first.controlled,
        error: first.error,
      };
      out.push(firstRow);
      if (sw) {
        const t = Date.now();
        if (!(await swCacheHolds(page, manifestUrl, 240_000))) firstRow.error = "the service worker's cache did not hold the manifest within 240 s";
        firstRow.precache = { ...(await servedSince(b, firstEnd)), ms: (first.ms ?? 0) + Date.now() - t };
        // What the service worker's cache holds now, against the manifest's files under the keys the
        // workers store them by (URL + ?sha256=…: comparing bare URLs once reported every file missing).
        const manifest = JSON.parse(await readFile(join(b.site, '_quarry/manifest.json'), 'utf8')) as Manifest;
        const indexUrl = new URL('./', manifestUrl).href;
        // The asyncify runtime is fetched on demand (WebGPU only), never precached.
        const listed = (await allIndexFiles(manifest, (e) => readFile(join(b.site, '_quarry', e.path)))).filter((e) => !/asyncify/.test(e.path)).map((e) => cacheKey(indexUrl, e));
        firstRow.swCache = await page.evaluate(
          async ([cache, keys]) => {
            const c = await caches.open(cache);
            let bytes = 0;
            const have = new Set<string>();
            for (const req of await c.keys()) {
              have.add(req.url);
              bytes += (await (await c.match(req))!.arrayBuffer()).byteLength;
            }
            return { files: have.size, bytes, missing: keys.filter((k) => !have.has(k)).map((k) => new URL(k).pathname) };
          },
          [SW_FILES_CACHE, listed] as const,
        );
      }
      // Let late requests of the first visit (snippet text shards, the worker's cache writes) finish before the next count.
      await sleep(1500);

      // Repeat visit: same context, reload.
      mark = b.served.length;
      const again = await visit(page, () => page.reload(), query, 120_000);
      out.push({
        id: sw ? 'd' : 'b',
        what: sw ? 'repeat visit (reload), with the service worker' : 'repeat visit (reload), no service worker',
        serviceWorker: sw,
        served: await servedSince(b, mark),
        ms: again.ms,
        works: again.works,
        controlled: again.controlled,
        error: again.error,
      });

      if (sw) {
        await sleep(1500);
        await context.setOffline(true);
        mark = b.served.length;
        const offline = await visit(page, () => page.reload(), query, 60_000);
        out.push({
          id: 'e',
          what: 'repeat visit offline (context.setOffline, reload), with the service worker',
          serviceWorker: true,
          served: await servedSince(b, mark),
          ms: offline.ms,
          works: offline.works,
          controlled: offline.controlled,
          error: offline.error,
        });
        await context.setOffline(false);
      }
    } finally {
      await context.close();
    }
  };
  log('Quarry caching: first and repeat visit without a service worker');
  await run(false);
  log('Quarry caching: first, repeat and offline visit with the service worker');
  await run(true);
  return out;
}
