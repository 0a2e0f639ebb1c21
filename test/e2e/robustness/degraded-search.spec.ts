/**
 * The widget on the sample docs site (real CLI build, real model, real
 * worker, strict CSP) when a file it needs is missing or altered: it never
 * hangs, keeps whatever search still works, and tells the visitor what
 * happened in plain words while the event carries the technical message.
 * Files are broken per browser context with route interception, so one
 * build serves every case.
 */
import type { BrowserContext, Page, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Manifest } from '../../../src/core/format/manifest.ts';
import { textShardOf } from '../../support/shards.ts';
import { openIndex } from '../../../src/node/index.ts';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { serveBuiltSite, watchedPage, type ServedSite, type WatchedPage } from '../support/site-server.ts';
import { groupTitles, openDialog } from '../support/widget-driver.ts';

const sel = {
  option: 'quarry-search [role=option]',
  notice: 'quarry-search .notice',
  state: 'quarry-search .state',
  progress: 'quarry-search .progress',
  excerpt: 'quarry-search .option-excerpt',
};

type Damage = { status: 404 } | { alter: true } | { truncate: true } | { hold: Promise<void>; status?: 404 };

/** Answers requests whose path matches with a 404, altered or cut bytes (optionally held until `hold` settles). */
async function breakFile(context: BrowserContext, suffix: string | RegExp, damage: Damage): Promise<void> {
  const matches = (url: URL) => (typeof suffix === 'string' ? url.pathname.endsWith(suffix) : suffix.test(url.pathname));
  await context.route(matches, async (route: Route) => {
    if ('hold' in damage) await damage.hold;
    if ('status' in damage && damage.status === 404) return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' });
    if ('hold' in damage) return route.continue();
    const response = await route.fetch();
    let body = await response.body();
    if ('truncate' in damage) body = body.subarray(0, Math.floor(body.length / 2));
    else body[Math.floor(body.length / 2)] ^= 0xff;
    // Not the original headers: a compressed response's Content-Encoding would not fit the plain body.
    return route.fulfill({ status: 200, contentType: response.headers()['content-type'], body });
  });
}

/** Records quarry:error events from page start. */
async function recordErrors(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const errs: unknown[] = [];
    (window as unknown as { __quarryErrors: unknown[] }).__quarryErrors = errs;
    document.addEventListener('quarry:error', (e) => errs.push((e as CustomEvent).detail));
  });
}
const errorsOf = (page: Page) => page.evaluate(() => (window as unknown as { __quarryErrors: Array<{ code: string; message: string; fatal: boolean }> }).__quarryErrors);

/** Page problems other than the HTTP errors a case provokes on purpose. */
const unexpected = (w: WatchedPage) => w.errors.filter((e) => !/^(404|\d{3}) http/.test(e));

async function type(page: Page, query: string): Promise<void> {
  await page.locator('quarry-search [role=combobox]').fill(query);
}

describe('the widget when index, model or worker files are missing or damaged', () => {
  let site: ServedSite;
  let manifest: Manifest;
  beforeAll(async () => {
    // Model failures as the full tier meets them (with a static tier, its answers go on: semantic-first.spec.ts).
    site = await serveBuiltSite({ staticTier: false });
    manifest = JSON.parse(await readFile(join(site.built.index, 'manifest.json'), 'utf8'));
  });
  afterAll(() => site?.close());

  it('a worker script that fails after the search started: the search answers by keyword on the page, with a notice', async () => {
    const w = await watchedPage(site);
    await recordErrors(w.page);
    let release!: () => void;
    await breakFile(w.context, '/_quarry/quarry.worker.js', { hold: new Promise<void>((r) => (release = r)), status: 404 });
    await w.page.goto(`${site.server.url}/index.html`);
    await openDialog(w.page);
    await type(w.page, 'wal_buffer_size');
    await w.page.locator(sel.state).getByText('Searching…').waitFor();
    release();
    await w.page.locator(sel.option).first().waitFor({ timeout: 30_000 });
    expect((await groupTitles(w.page))[0]).toBe('Configuration reference');
    expect(await w.page.locator(sel.notice).innerText()).toBe('Semantic search is unavailable (the search worker could not run in this browser). Showing keyword results.');
    const errors = await errorsOf(w.page);
    expect(errors).toEqual([{ code: 'WORKER_FAILED', message: expect.stringContaining('quarry.worker.js'), fatal: false }]);
    // The fallback is a lazy chunk: loaded now, under the strict CSP, from the site.
    expect(site.requests.some((p) => /\/_quarry\/main-thread-search-[\w-]+\.js$/.test(p))).toBe(true);
    // Later queries go straight to the page's own keyword search.
    await type(w.page, 'E1042');
    await w.page.waitForFunction(() => (window as unknown as { __quarryEvents: Array<{ query: string }> }).__quarryEvents.some((d) => d.query === 'E1042'));
    expect((await groupTitles(w.page))[0]).toBe('Error codes');
    expect(unexpected(w)).toEqual([]);
    expect(w.external).toEqual([]);
    await w.context.close();
  });

  it('a missing text shard: the results it holds drop out, the others come with excerpts, and an unobtrusive notice', async () => {
    // The shard holds the results' links, titles and excerpts: the top result's is the one to lose.
    const node = await openIndex(site.built.index);
    const healthy = (await node.search('wal_buffer_size', { mode: 'lexical', k: 10 })).results;
    await node.close();
    const lost = healthy[0];
    const shard = (await textShardOf(site.built.index, manifest, lost.passages[0].id)).entry.path;
    const w = await watchedPage(site);
    await recordErrors(w.page);
    await breakFile(w.context, `/_quarry/${shard}`, { status: 404 });
    await w.page.goto(`${site.server.url}/index.html`);
    await openDialog(w.page);
    await type(w.page, 'wal_buffer_size');
    await w.page.locator(sel.notice).waitFor();
    expect(await groupTitles(w.page)).not.toContain(lost.title);
    expect(await w.page.locator(sel.option).count()).toBeGreaterThan(0);
    expect(await w.page.locator(sel.excerpt).count()).toBeGreaterThan(0);
    expect(await w.page.locator(sel.notice).innerText()).toBe('Part of the search index could not be loaded; some results or excerpts may be missing.');
    expect(await w.page.locator(sel.state).isVisible()).toBe(false);
    expect((await errorsOf(w.page)).filter((e) => e.fatal)).toEqual([]);
    await w.context.close();
  });

  it('altered vectors: keyword results, and the progress line gives way to a notice that names the file', async () => {
    const w = await watchedPage(site);
    await recordErrors(w.page);
    await breakFile(w.context, `/_quarry/${manifest.files.vectors.path}`, { alter: true });
    await w.page.goto(`${site.server.url}/index.html`);
    await openDialog(w.page);
    const vectorsFile = manifest.files.vectors.path;
    await w.page.waitForFunction(() => (window as unknown as { __quarryErrors: unknown[] }).__quarryErrors.length > 0, undefined, { timeout: 90_000 });
    await type(w.page, 'wal_buffer_size');
    await w.page.waitForFunction(() => (window as unknown as { __quarryEvents: Array<{ query: string }> }).__quarryEvents.some((d) => d.query === 'wal_buffer_size'));
    expect((await groupTitles(w.page))[0]).toBe('Configuration reference');
    expect(await w.page.locator(sel.notice).innerText()).toBe(
      `Semantic search is unavailable (the index's vectors could not be loaded: ${vectorsFile} failed its checksum). Showing keyword results.`,
    );
    expect(await w.page.locator(sel.progress).isVisible()).toBe(false);
    expect(await errorsOf(w.page)).toEqual([{ code: 'INDEX_CORRUPT', message: expect.stringContaining(vectorsFile), fatal: false }]);
    expect(unexpected(w)).toEqual([]);
    await w.context.close();
  });

  it('a model file that 404s: the notice says so in plain words; the technical message goes to the event', async () => {
    const w = await watchedPage(site);
    await recordErrors(w.page);
    await breakFile(w.context, '/model_quantized.onnx', { status: 404 });
    await w.page.goto(`${site.server.url}/index.html`);
    await openDialog(w.page);
    await w.page.waitForFunction(() => (window as unknown as { __quarryErrors: unknown[] }).__quarryErrors.length > 0, undefined, { timeout: 90_000 });
    await type(w.page, 'wal_buffer_size');
    await w.page.waitForFunction(() => (window as unknown as { __quarryEvents: Array<{ query: string }> }).__quarryEvents.some((d) => d.query === 'wal_buffer_size'));
    const notice = await w.page.locator(sel.notice).innerText();
    expect(notice).toBe('Semantic search is unavailable (the model could not be downloaded: model_quantized.onnx returned 404). Showing keyword results.');
    expect(await w.page.locator(sel.progress).isVisible()).toBe(false);
    const [error] = await errorsOf(w.page);
    expect(error).toMatchObject({ code: 'MODEL_NOT_FOUND', fatal: false, message: expect.stringContaining('model_quantized.onnx') });
    expect(error.message).not.toContain('local_files_only');
    expect((await groupTitles(w.page))[0]).toBe('Configuration reference');
    await w.context.close();
  });

  it('an altered lexical file: the model still answers (dense only), with a notice', async () => {
    const w = await watchedPage(site);
    await recordErrors(w.page);
    await breakFile(w.context, `/_quarry/${manifest.files.lexical.path}`, { alter: true });
    await w.page.goto(`${site.server.url}/index.html`);
    await openDialog(w.page);
    await type(w.page, 'stop it from recalling earlier lookups');
    await w.page.waitForFunction(
      () => (window as unknown as { __quarryEvents: Array<{ query: string; stage: string }> }).__quarryEvents.some((d) => d.stage === 'dense'),
      undefined,
      { timeout: 90_000 },
    );
    expect((await groupTitles(w.page))[0]).toBe('Result cache');
    expect(await w.page.locator(sel.notice).innerText()).toBe('Part of the search index could not be loaded; some results or excerpts may be missing.');
    expect((await errorsOf(w.page)).filter((e) => e.fatal)).toEqual([]);
    await w.context.close();
  });

  it('a missing or garbled manifest.json: a clear error that names it, not a hang', async () => {
    for (const damage of [{ status: 404 } as const, { truncate: true } as const]) {
      const w = await watchedPage(site);
      await recordErrors(w.page);
      await breakFile(w.context, '/_quarry/manifest.json', damage);
      await w.page.goto(`${site.server.url}/index.html`);
      await openDialog(w.page);
      await type(w.page, 'cache');
      await w.page.waitForFunction(() => (window as unknown as { __quarryErrors: Array<{ fatal: boolean }> }).__quarryErrors.some((e) => e.fatal));
      const state = await w.page.locator(sel.state).innerText();
      expect(state).toContain('Search is unavailable.');
      expect(state).toContain('manifest.json');
      const fatal = (await errorsOf(w.page)).filter((e) => e.fatal);
      expect(fatal[0]).toMatchObject({ code: 'status' in damage ? 'INDEX_NOT_FOUND' : 'INDEX_CORRUPT', message: expect.stringContaining('manifest.json') });
      await w.context.close();
    }
  });
});
