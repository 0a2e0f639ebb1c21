/**
 * The first visit, as a visitor who searches once pays for it: the sample
 * site served compressed (as `quarry serve` and static hosts do), a fresh
 * browser, one query typed at once. The keyword answer must arrive before a
 * single byte of the model, the runtime, the vectors or the dense code is
 * requested, and within a byte budget (bytes are deterministic; time is not
 * asserted here: `npm run bench` measures it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Request } from 'playwright-core';
import type { Manifest } from '../../../src/core/format/manifest.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveBuiltSite, watchedPage, type ServedSite } from '../support/site-server.ts';
import { openDialog } from '../support/widget-driver.ts';
import { postingsShardCount } from '../../support/shards.ts';

/** What the semantic tiers need and the keyword tier never does. */
const SEMANTIC_ONLY = /\.onnx$|\/ort\/|\/encoder-[\w-]+\.js$|\/vectors\.[0-9a-f]+\.bin$|tokenizer(_config)?\.json$|\/config\.json$|\/static\/|\/ivf[./]|\/static-tier-[\w-]+\.js$/;
/** Compressed bytes, widget and worker code included, until the first keyword answer on the sample site (56 kB at format 2, 40 kB of it code). */
const KEYWORD_BUDGET = 65_000;

describe('first visit: keyword results first', () => {
  let site: ServedSite;
  beforeAll(async () => {
    site = await serveBuiltSite();
  });
  afterAll(() => site?.close());

  it('answers by keyword before any semantic-tier file is requested, within the byte budget', async () => {
    const w = await watchedPage(site);
    const requested: Request[] = [];
    w.context.on('request', (r) => requested.push(r));
    let atAnswer: Request[] | null = null;
    await w.page.exposeBinding('__quarryAnswered', () => {
      atAnswer ??= [...requested];
    });
    await w.page.addInitScript(() => {
      document.addEventListener('quarry:search', (e) => {
        if ((e as CustomEvent<{ stage: string; count: number }>).detail.count > 0) void (window as unknown as { __quarryAnswered(): void }).__quarryAnswered();
      });
    });
    await w.page.goto(`${site.server.url}/index.html`);
    await openDialog(w.page);
    await w.page.locator('quarry-search [role=combobox]').fill('wal_buffer_size');
    await w.page.waitForFunction(() => (window as unknown as { __quarryEvents: Array<{ stage: string }> }).__quarryEvents.length > 0, undefined, { timeout: 30_000 });
    await expect.poll(() => atAnswer !== null).toBe(true);
    const before = atAnswer!;
    const paths = before.map((r) => new URL(r.url()).pathname);
    expect(paths.filter((p) => SEMANTIC_ONLY.test(p))).toEqual([]);
    // The premise: the keyword tier's own files were fetched (this is the answer being measured).
    expect(paths.some((p) => /\/lexical\.[0-9a-f]+\.bin$/.test(p))).toBe(true);
    // Only the postings shards that hold the query's terms, and no term index or FlexSearch: every word is known.
    const shards = paths.filter((p) => /\/lexical\/[0-9a-f]+\.bin$/.test(p));
    expect(shards.length).toBeGreaterThan(0);
    const manifest = JSON.parse(readFileSync(join(site.built.index, 'manifest.json'), 'utf8')) as Manifest;
    expect(shards.length).toBeLessThan(await postingsShardCount(site.built.index, manifest));
    expect(paths.filter((p) => /\/terms\.[0-9a-f]+\.json$|flexsearch/.test(p))).toEqual([]);
    let bytes = 0;
    for (const r of before) {
      const response = await r.response();
      if (response) bytes += (await r.sizes()).responseBodySize;
    }
    expect(bytes).toBeGreaterThan(0);
    expect(bytes).toBeLessThan(KEYWORD_BUDGET);

    // The semantic answer still follows on its own, after the keyword answer: from the static tier, without the model.
    await w.page.waitForFunction(() => (window as unknown as { __quarryEvents: Array<{ stage: string; tier?: string }> }).__quarryEvents.some((d) => d.stage === 'hybrid' && d.tier === 'static'), undefined, { timeout: 90_000 });
    expect(requested.map((r) => new URL(r.url()).pathname).some((p) => /\.onnx$/.test(p))).toBe(false);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });
});
