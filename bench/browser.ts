/**
 * Chromium side of the benchmark: bundles the pages in bench/pages/ into the
 * served site, serves it with Quarry's static server, and measures
 *  - bytes a fresh browser context transfers until the first results exist;
 *  - warm query latency inside the page (performance.now around
 *    `window.bench.search`, so no Playwright round trip is timed).
 */
import { build as esbuild } from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Request } from 'playwright-core';
import { launchChromium } from '../test/e2e/support/browser.ts';
import { serveStatic, type RunningServer, type ServeOptions } from '../src/cli/serve/server.ts';
import { gzipBytes, log, median, percentile } from './util.ts';
import type { BenchApi, StageTimings } from './pages/bench-api.ts';

const PAGES = join(import.meta.dirname, 'pages');

export type PageName = 'minisearch' | 'orama' | 'pagefind' | 'quarry' | 'encoder';

/**
 * Bundles bench/pages/<name>.page.ts into <site>/_bench/<name>.js with a bare
 * HTML page; returns the page path. `inline` writes the script into the HTML
 * instead (<htmlName>.html), so a service worker that caches pages can serve
 * the whole page offline.
 */
export async function bundleBenchPage(site: string, name: PageName, headExtra = '', options: { inline?: boolean; htmlName?: string } = {}): Promise<string> {
  const out = join(site, '_bench');
  await mkdir(out, { recursive: true });
  await esbuild({
    entryPoints: [join(PAGES, `${name}.page.ts`)],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    outfile: join(out, `${name}.js`),
    logLevel: 'error',
    // As in vite.config.ts: onnxruntime-web's default build would inline its 27 MB WASM; this one imports it from wasmPaths.
    alias: { 'onnxruntime-web/webgpu': join(import.meta.dirname, '../node_modules/onnxruntime-web/dist/ort.webgpu.min.mjs') },
  });
  const htmlName = options.htmlName ?? name;
  const script = options.inline
    ? `<script type="module">${(await readFile(join(out, `${name}.js`), 'utf8')).replace(/<\/(script)/gi, '<\\/$1')}</script>`
    : `<script type="module" src="/_bench/${name}.js"></script>`;
  await writeFile(
    join(out, `${htmlName}.html`),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>${headExtra}${script}</head><body><main><h1>${name}</h1></main></body></html>`,
  );
  return `/_bench/${htmlName}.html`;
}

export interface Transfer {
  requests: number;
  /** Response bodies as sent by the (uncompressed) test server. */
  bytes: number;
  /** The same files gzip -9, i.e. what a host serving gzip would send. */
  gzipBytes: number;
  /** Navigation start to results, ms (cold: includes downloads, compile, index load). */
  ms: number;
  files: Array<{ path: string; bytes: number }>;
}

export interface Latency {
  p50: number;
  p95: number;
  /** Per query: median of the timed passes. */
  perQuery: number[];
}

export class BenchBrowser {
  /** Every request the server answered (path, status), in order: what it sent, whoever asked (page, worker, service worker). */
  readonly served: Array<{ path: string; status: number }>;

  private constructor(
    readonly browser: Browser,
    readonly server: RunningServer,
    readonly site: string,
    served: Array<{ path: string; status: number }>,
    private readonly ownsBrowser: boolean,
  ) {
    this.served = served;
  }

  static async start(site: string, serve: Partial<ServeOptions> = {}): Promise<BenchBrowser> {
    const served: Array<{ path: string; status: number }> = [];
    const server = await serveStatic({ ...serve, root: site, onRequest: (path, status) => served.push({ path, status }) });
    const browser = await launchChromium();
    return new BenchBrowser(browser, server, site, served, true);
  }

  /** A second server over the same site (e.g. `isolate: true`) driven by the same Chromium; close() closes only the server. */
  async sibling(serve: Partial<ServeOptions>): Promise<BenchBrowser> {
    const served: Array<{ path: string; status: number }> = [];
    const server = await serveStatic({ ...serve, root: this.site, onRequest: (path, status) => served.push({ path, status }) });
    return new BenchBrowser(this.browser, server, this.site, served, false);
  }

  version(): string {
    return this.browser.version();
  }

  async close(): Promise<void> {
    if (this.ownsBrowser) await this.browser.close().catch(() => undefined);
    await this.server.close();
  }

  /**
   * Fresh context (empty HTTP cache and Cache Storage): open `pagePath`, run
   * one query, sum the responses the page requested before results came back.
   */
  async firstQuery(pagePath: string, query: string, mode?: string): Promise<Transfer & { stages?: BenchApi['stages'] }> {
    const context = await this.browser.newContext();
    const started: Request[] = [];
    context.on('request', (r) => started.push(r));
    const page = await context.newPage();
    page.on('pageerror', (e) => log(`  [page error] ${e.message}`));
    try {
      const t0 = Date.now();
      await page.goto(`${this.server.url}${pagePath}`);
      await page.waitForFunction(() => Boolean(window.bench));
      const { stages } = await page.evaluate(async ([q, m]) => {
        await window.bench.search(q, m ?? undefined);
        return { stages: window.bench.stages ? [...window.bench.stages] : undefined };
      }, [query, mode ?? null] as const);
      const ms = Date.now() - t0;
      // Everything requested before the results existed counts, even if its body finished a moment later.
      const requests = [...started].filter((r) => r.url().startsWith(this.server.url));
      const files: Transfer['files'] = [];
      let bytes = 0;
      let gzip = 0;
      for (const r of requests) {
        const res = await r.response();
        if (!res) continue;
        await res.finished().catch(() => undefined);
        const path = decodeURIComponent(new URL(r.url()).pathname);
        const local = join(this.site, path);
        // The server sends files as they are (no compression), so a 200 carries the file's bytes;
        // Chromium reports 0 body bytes for some worker-initiated requests, so the file size is used.
        const isFile = res.status() === 200 && !path.endsWith('/') && existsSync(local);
        const body = isFile ? (await stat(local)).size : ((await r.sizes().catch(() => null))?.responseBodySize ?? 0);
        bytes += body;
        gzip += isFile ? await gzipBytes(local) : body;
        files.push({ path, bytes: body });
      }
      return { requests: requests.length, bytes, gzipBytes: gzip, ms, files, stages };
    } finally {
      await context.close();
    }
  }

  /**
   * Warm latency: one page, `warmup` untimed passes over the queries, then
   * `passes` timed ones; per-query medians, then p50/p95 over queries.
   * Also returns the ranked URLs of the first timed pass (for scoring).
   */
  async latency(
    pagePath: string,
    queries: string[],
    mode: string | undefined,
    passes = 3,
    warmup = 1,
  ): Promise<{ latency: Latency; urls: string[][]; timings?: StageTimings[][]; status?: unknown; ms: number[][] }> {
    const context = await this.browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (e) => log(`  [page error] ${e.message}`));
    try {
      await page.goto(`${this.server.url}${pagePath}`);
      await page.waitForFunction(() => Boolean(window.bench));
      const { ms, urls, all, status } = await page.evaluate(
        async ([qs, m, p, w]) => {
          if (window.bench.timings) window.bench.timings.length = 0;
          const r = await window.bench.run(qs, m ?? undefined, p, w);
          return { ...r, all: window.bench.timings ? [...window.bench.timings] : null, status: window.bench.status ? await window.bench.status() : null };
        },
        [queries, mode ?? null, passes, warmup] as const,
      );
      const perQuery = ms.map(median);
      // Pages that report SearchResponse.timings push one per call: the timed passes are the last passes × queries.
      let timings: StageTimings[][] | undefined;
      if (all && all.length === (passes + warmup) * queries.length) {
        const timed = all.slice(warmup * queries.length);
        timings = queries.map((_, i) => Array.from({ length: passes }, (_, p) => timed[p * queries.length + i]));
      }
      return { latency: { p50: percentile(perQuery, 0.5), p95: percentile(perQuery, 0.95), perQuery }, urls, timings, status: status ?? undefined, ms };
    } finally {
      await context.close();
    }
  }

  /**
   * Encoder page: load the model and warm up (bench.prepare, which also
   * returns the vectors of `vectorsOf`), then `passes` timed passes over the queries.
   */
  async encodeLatency(pagePath: string, queries: string[], passes = 3, vectorsOf: string[] = []): Promise<{ latency: Latency; loadMs: number; crossOriginIsolated: boolean; vectors: number[][] }> {
    const context = await this.browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (e) => log(`  [page error] ${e.message}`));
    try {
      await page.goto(`${this.server.url}${pagePath}`);
      await page.waitForFunction(() => Boolean(window.bench));
      const { prep, ms } = await page.evaluate(
        async ([qs, p, vq]) => {
          const prep = (await window.bench.prepare!(vq)) as { loadMs: number; crossOriginIsolated: boolean; vectors: number[][] };
          const { ms } = await window.bench.run(qs, undefined, p, 0);
          return { prep, ms };
        },
        [queries, passes, vectorsOf] as const,
      );
      const perQuery = ms.map(median);
      return { latency: { p50: percentile(perQuery, 0.5), p95: percentile(perQuery, 0.95), perQuery }, ...prep };
    } finally {
      await context.close();
    }
  }
}
