import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { serveStatic, type RunningServer } from '../../../src/cli/serve/server.ts';
import { openIndex, type QuarryIndex } from '../../../src/node/index.ts';
import { STRICT_CSP } from '../../../src/cli/serve/csp.ts';
import { buildSiteCopy, type BuiltSite } from '../../support/sample-site.ts';
import { launchChromium } from '../support/browser.ts';
import { bundlePage } from '../support/bundle.ts';

const QUERIES = ['how do I stop the server from caching results', 'max_connections', 'E1042', 'install on linux'];

describe('search worker in Chromium (WASM backend)', () => {
  let built: BuiltSite;
  let server: RunningServer;
  let browser: Browser;
  let page: Page;
  let node: QuarryIndex;
  const requests: string[] = [];
  const external: string[] = [];

  beforeAll(async () => {
    // The model's path in the worker (WASM fallback, WebGPU failure): without the static tier, the first query loads it.
    built = await buildSiteCopy(undefined, { staticTier: false });
    const harness = await bundlePage(new URL('../support/worker-harness.ts', import.meta.url).pathname, built.site, 'harness');
    server = await serveStatic({ root: built.site, csp: STRICT_CSP, onRequest: (p) => requests.push(p) });
    browser = await launchChromium();
    const context = await browser.newContext();
    context.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(server.url) && !url.startsWith('blob:') && !url.startsWith('data:')) external.push(url);
    });
    page = await context.newPage();
    page.on('console', (m) => m.type() === 'error' && console.error('[browser]', m.text()));
    await page.goto(`${server.url}${harness}`);
    node = await openIndex(built.index);
  });
  afterAll(async () => {
    await node?.close();
    await browser?.close();
    await server?.close();
    await built?.cleanup();
  });

  it('answers lexically first, then with hybrid results, on the WASM fallback', async () => {
    const updates = await page.evaluate((q) => window.quarryTest.search(q), QUERIES[0]);
    expect(updates.length).toBeGreaterThanOrEqual(1);
    const last = updates.at(-1)!;
    expect(last.final).toBe(true);
    expect(last.stage).toBe('hybrid');
    expect(last.denseError).toBeUndefined();
    const status = await page.evaluate(() => window.quarryTest.status());
    // No GPU adapter here: WebGPU must fall back to WASM.
    expect(status.backend).toBe('wasm');
    expect(status.dense).toBe('ready');
  });

  it('recovers from a failed WebGPU start by moving to a fresh WASM worker', async () => {
    // Forcing WebGPU on a machine without an adapter fails the model load, as a
    // broken GPU would; transformers.js cannot retry in that worker.
    const gpuPage = await page.context().newPage();
    await gpuPage.goto(`${server.url}/harness.html?device=webgpu`);
    const first = (await gpuPage.evaluate((q) => window.quarryTest.search(q), QUERIES[0])).at(-1)!;
    expect(first.results.length).toBeGreaterThan(0);
    // The model load may fail before or after this first query is typed: before,
    // the client has already moved to WASM (hybrid); after, the query is answered
    // by keywords and says why.
    if (first.stage === 'lexical') expect(first.denseError).toMatchObject({ code: 'MODEL_LOAD_FAILED', message: expect.stringContaining('GPU') });
    else expect(first.stage).toBe('hybrid');
    const failures = await gpuPage.evaluate(() => window.quarryTest.progress.filter((p) => p.phase === 'failed').map((p) => p.message));
    expect(failures.some((m) => /GPU/.test(m))).toBe(true);
    const second = (await gpuPage.evaluate((q) => window.quarryTest.search(q), QUERIES[0])).at(-1)!;
    expect(second.stage).toBe('hybrid');
    expect(await gpuPage.evaluate(() => window.quarryTest.status())).toMatchObject({ backend: 'wasm', dense: 'ready' });
    await gpuPage.close();
  });

  it('ranks like Node for the same index and queries', async () => {
    for (const q of QUERIES) {
      const updates = await page.evaluate((query) => window.quarryTest.search(query), q);
      const browserUrls = updates.at(-1)!.results.map((r) => r.url);
      const nodeUrls = (await node.search(q, { k: 10 })).results.map((r) => r.url);
      expect(browserUrls.slice(0, 5), q).toEqual(nodeUrls.slice(0, 5));
    }
  });

  it('encodes the query to the same vector as Node (within 1e-3)', async () => {
    // The worker's encoder is reachable only through search; compare via the dense ranking scores instead.
    const q = 'connection pooling';
    const browserDense = (await page.evaluate((query) => window.quarryTest.search(query, 'dense'), q)).at(-1)!;
    const nodeDense = await node.search(q, { k: 10, mode: 'dense' });
    browserDense.results.slice(0, 5).forEach((r, i) => {
      expect(r.url).toBe(nodeDense.results[i].url);
      expect(Math.abs(r.score - nodeDense.results[i].score)).toBeLessThan(1e-3);
    });
  });

  it('never contacts another host and downloads the runtime and model from the site once', async () => {
    expect(external).toEqual([]);
    expect(requests.some((p) => p.includes('/_quarry/ort/ort-wasm-simd-threaded.wasm'))).toBe(true);
    // Each big file is downloaded exactly once (transformers.js would probe-fetch it first).
    expect(requests.filter((p) => p.includes('model_quantized.onnx'))).toHaveLength(1);
    expect(requests.filter((p) => p.endsWith('/ort-wasm-simd-threaded.wasm'))).toHaveLength(1);
    expect(requests.filter((p) => p.endsWith('tokenizer.json'))).toHaveLength(1);
  });
});
