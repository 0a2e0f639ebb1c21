/**
 * A first visit's semantic answer with the model out of reach (issue 15):
 * every model and onnxruntime file is blocked, yet a question gets merged
 * semantic results from the static tier (the word table distilled at build
 * time and the IVF lists), and the request log shows no model, runtime or
 * full-vector file was ever asked for.
 */
import type { Request } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveBuiltSite, watchedPage, type ServedSite } from '../support/site-server.ts';
import { openDialog } from '../support/widget-driver.ts';

const MODEL_OR_RUNTIME = /\.onnx(\?|$)|\/ort\/|ort-wasm|\/encoder-loader-[\w-]+\.js$|tokenizer(_config)?\.json$|\/vectors\.[0-9a-f]+\.bin$/;
/** A question; test/integration/search/static-tier.test.ts checks tier 1 on paraphrases where keywords fail. */
const QUESTION = 'How do I restore a backup to a specific moment?';

describe('first visit: semantic results without the model', () => {
  let site: ServedSite;
  beforeAll(async () => {
    site = await serveBuiltSite();
  });
  afterAll(() => site?.close());

  it('answers a question from the static tier while model and runtime files are blocked', async () => {
    const w = await watchedPage(site);
    const requested: Request[] = [];
    w.context.on('request', (r) => requested.push(r));
    await w.context.route(MODEL_OR_RUNTIME, (route) => route.abort());
    await w.page.goto(`${site.server.url}/index.html`);
    await openDialog(w.page);
    await w.page.locator('quarry-search [role=combobox]').fill(QUESTION);
    await w.page.waitForFunction(
      (q) => (window as unknown as { __quarryEvents: Array<{ query: string; stage: string; tier?: string; count: number }> }).__quarryEvents.some((d) => d.query === q && d.stage === 'hybrid' && d.tier === 'static' && d.count > 0),
      QUESTION,
      { timeout: 60_000 },
    );
    const results = w.page.locator('quarry-search [role=option]:not(.answer):not(.recent):not(.suggestion)');
    await results.first().waitFor();
    const hrefs = await results.evaluateAll((os) => os.map((o) => (o as HTMLAnchorElement).href));
    expect(hrefs.slice(0, 3).some((h) => h.includes('backup.html'))).toBe(true);
    const paths = requested.map((r) => new URL(r.url()).pathname);
    expect(paths.filter((p) => MODEL_OR_RUNTIME.test(p))).toEqual([]);
    // The static tier's own files were what answered.
    expect(paths.some((p) => /\/_quarry\/static\/[0-9a-f]+\.bin$/.test(p))).toBe(true);
    expect(paths.some((p) => /\/_quarry\/ivf\.[0-9a-f]+\.bin$/.test(p))).toBe(true);
    expect(paths.some((p) => /\/_quarry\/ivf\/[0-9a-f]+\.bin$/.test(p))).toBe(true);
    expect(w.errors).toEqual([]);
    expect(w.external).toEqual([]);
    await w.context.close();
  });
});
