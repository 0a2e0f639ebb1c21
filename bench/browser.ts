/**
 * Chromium side of the benchmark: bundles the pages in bench/pages/ into the
 * served site, serves it with Quarry's static server, and measures
 *  - bytes a fresh browser context transfers until the first results exist;
 *  - warm query latency inside the page (performance.now around
 *    `window.bench.search`, so no Playwright round trip is timed).
 */
import { build as esbuild } from 'esbuild';
import { existsSync } from 'node:fs';
import { mkdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Browser, Request } from 'playwright-core';
import { launchChromium } from '../test/e2e/support/browser.ts';
import { serveStatic, type RunningServer } from '../build-index/serve.ts';
import { gzipBytes, log, median, percentile } from './util.ts';
import type { BenchApi } from './pages/bench-api.ts';

const PAGES = join(import.meta.dirname, 'pages');

export type PageName = 'minisearch' | 'orama' | 'pagefind' | 'quarry';

/** Bundles bench/pages/<name>.page.ts into <site>/_bench/<name>.js with a bare HTML page; returns the page path. */
export async function bundleBenchPage(site: string, name: PageName, headExtra = ''): Promise<string> {
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
  });
  await writeFile(
    join(out, `${name}.html`),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${name}</title>${headExtra}<script type="module" src="/_bench/${name}.js"></script></head><body><main><h1>${name}</h1></main></body></html>`,
  );
  return `/_bench/${name}.html`;
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
  private constructor(
    readonly browser: Browser,
    readonly server: RunningServer,
    readonly site: string,
  ) {}

  static async start(site: string): Promise<BenchBrowser> {
    const server = await serveStatic({ root: site });
    const browser = await launchChromium();
    return new BenchBrowser(browser, server, site);
  }

  version(): string {
    return this.browser.version();
  }

  async close(): Promise<void> {
    await this.browser.close().catch(() => undefined);
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
  async latency(pagePath: string, queries: string[], mode: string | undefined, passes = 3, warmup = 1): Promise<{ latency: Latency; urls: string[][] }> {
    const context = await this.browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (e) => log(`  [page error] ${e.message}`));
    try {
      await page.goto(`${this.server.url}${pagePath}`);
      await page.waitForFunction(() => Boolean(window.bench));
      const { ms, urls } = await page.evaluate(
        ([qs, m, p, w]) => window.bench.run(qs, m ?? undefined, p, w),
        [queries, mode ?? null, passes, warmup] as const,
      );
      const perQuery = ms.map(median);
      return { latency: { p50: percentile(perQuery, 0.5), p95: percentile(perQuery, 0.95), perQuery }, urls };
    } finally {
      await context.close();
    }
  }
}
