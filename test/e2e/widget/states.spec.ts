import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, searchFor, sel, startHarness, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const visible = (page: import('playwright-core').Page, s: string) => page.locator(s).isVisible();

describe('loading, staged and error states', () => {
  it('shows "Semantic results loading…" while lexical results are not final, then hides it', async () => {
    const { page, context, events } = await openPage(h, { search: '?hold=1' });
    await searchFor(page, 'install', false);
    await page.locator(sel.badge).waitFor({ state: 'visible' });
    expect(await page.locator(sel.badge).textContent()).toBe('Semantic results loading…');
    expect(await page.locator(sel.option).count()).toBe(5); // lexical results already shown
    await page.evaluate(() => window.__fake.release());
    await page.locator(sel.badge).waitFor({ state: 'hidden' });
    const stages = (await events()).filter((e) => e.type === 'quarry:search').map((e) => e.detail.stage);
    expect(stages).toEqual(['lexical', 'hybrid']);
    await context.close();
  });

  it('no keyword matches while semantic is pending is not yet "No results"', async () => {
    const { page, context } = await openPage(h, { search: '?hold=1' });
    await searchFor(page, 'zzz', false);
    await page.locator(sel.badge).waitFor({ state: 'visible' });
    expect(await page.locator(sel.state).textContent()).toBe('No keyword matches for “zzz”.');
    await page.evaluate(() => window.__fake.release());
    await page.locator(sel.badge).waitFor({ state: 'hidden' });
    expect(await page.locator(sel.state).textContent()).toBe('No results for “zzz”.Try fewer words or a different phrasing.');
    await context.close();
  });

  it('a natural-language query in the keyword stage shows only its strong hits and says results by meaning are coming', async () => {
    const { page, context } = await openPage(h, { search: '?hold=1' });
    await page.evaluate(() => (window.__fake.answers = false)); // results only, no card
    await searchFor(page, 'how do i install it', false);
    await page.locator(sel.badge).waitFor({ state: 'visible' });
    expect(await page.locator(sel.badge).textContent()).toBe('Exact keyword matches only · finding results by meaning…');
    expect(await page.locator(sel.option).count()).toBe(2); // the one strong page; 2 pages withheld
    expect(await visible(page, sel.state)).toBe(false);
    await page.evaluate(() => window.__fake.release());
    await page.locator(sel.badge).waitFor({ state: 'hidden' });
    expect(await page.locator(sel.option).count()).toBe(5);
    await context.close();
  });

  it('with every keyword hit withheld it says "Finding results by meaning…", never "No keyword matches"', async () => {
    const { page, context } = await openPage(h, { search: '?hold=1' });
    await searchFor(page, 'why is the index so large', false);
    await page.waitForFunction(() => (window as any).__events.some((e: any) => e.type === 'quarry:search' && e.detail.stage === 'lexical'));
    expect(await page.locator(sel.state).textContent()).toBe('Finding results by meaning…');
    expect(await visible(page, sel.badge)).toBe(false); // the state line already says it
    expect(await page.locator(sel.option).count()).toBe(0);
    await page.evaluate(() => window.__fake.release());
    await page.waitForFunction(() => (window as any).__events.some((e: any) => e.type === 'quarry:search' && e.detail.stage === 'hybrid'));
    expect(await page.locator(sel.option).count()).toBe(5);
    expect(await visible(page, sel.state)).toBe(false);
    await context.close();
  });

  it('keeps the selection when the hybrid stage re-renders', async () => {
    const { page, context } = await openPage(h, { search: '?hold=1' });
    await searchFor(page, 'install', false);
    await page.locator(sel.badge).waitFor({ state: 'visible' });
    await page.keyboard.press('ArrowDown');
    const before = await page.locator(sel.selected).locator('.option-title').textContent();
    await page.evaluate(() => window.__fake.release());
    await page.locator(sel.badge).waitFor({ state: 'hidden' });
    expect(await page.locator(sel.selected).locator('.option-title').textContent()).toBe(before);
    await context.close();
  });

  it('denseError: shows a notice and keeps keyword results; quarry:error (non-fatal) fires once', async () => {
    const { page, context, events } = await openPage(h);
    await searchFor(page, 'offline', false);
    await page.locator(sel.notice).waitFor({ state: 'visible' });
    // The visitor gets a plain reason; the technical message goes to the event (below).
    expect(await page.locator(sel.notice).textContent()).toBe('Semantic search is unavailable (the model files are missing). Showing keyword results.');
    expect(await page.locator(sel.option).count()).toBe(5);
    expect(await visible(page, sel.badge)).toBe(false);
    await page.locator(sel.input).fill('offline again');
    await page.waitForFunction(() => (window as any).__events.filter((e: any) => e.type === 'quarry:search').length >= 2);
    const errs = (await events()).filter((e) => e.type === 'quarry:error');
    expect(errs).toEqual([{ type: 'quarry:error', detail: { code: 'MODEL_NOT_FOUND', message: 'the model files could not be downloaded', fatal: false } }]);
    // A normal query hides the notice again.
    await searchFor(page, 'install');
    expect(await visible(page, sel.notice)).toBe(false);
    await context.close();
  });

  it('a failing search shows a readable error and fires a bubbling, composed quarry:error', async () => {
    const { page, context, events } = await openPage(h);
    await searchFor(page, 'boom', false);
    await page.waitForFunction(() => (window as any).__events.some((e: any) => e.type === 'quarry:error'));
    const text = await page.locator(sel.state).textContent();
    expect(text).toContain('Search is unavailable.');
    expect(text).toContain('passages.bin failed its sha256 check; rebuild the index');
    const err = (await events()).find((e) => e.type === 'quarry:error');
    expect(err?.detail).toEqual({ code: 'INDEX_CORRUPT', message: 'passages.bin failed its sha256 check; rebuild the index', fatal: true });
    // Recovery: the next query works.
    await searchFor(page, 'install');
    expect(await page.locator(sel.option).count()).toBe(5);
    expect(await visible(page, sel.state)).toBe(false);
    await context.close();
  });

  it('shows download progress (bar + text) the first time, hides it when ready', async () => {
    const { page, context } = await openPage(h);
    await page.keyboard.press('Control+k');
    await page.evaluate(() => window.__fake.progress({ phase: 'index', loaded: 0, total: 0, message: '' }));
    await page.locator(sel.progress).waitFor({ state: 'visible' });
    expect(await page.locator(sel.progress).textContent()).toBe('Loading search index…');
    expect(await page.locator('quarry-search [role="progressbar"]').getAttribute('aria-valuenow')).toBeNull();
    await page.evaluate(() => window.__fake.progress({ phase: 'model', loaded: 11_500_000, total: 23_000_000, message: '' }));
    expect(await page.locator(sel.progress).textContent()).toBe('Downloading semantic search model… 11.5 MB of 23.0 MB');
    const bar = page.locator('quarry-search [role="progressbar"]');
    expect(await bar.getAttribute('aria-valuenow')).toBe('50');
    expect(await bar.getAttribute('aria-label')).toContain('11.5 MB of 23.0 MB');
    await page.evaluate(() => window.__fake.progress({ phase: 'warmup', loaded: 0, total: 0, message: 'Compiling model (WebGPU)…' }));
    expect(await page.locator(sel.progress).textContent()).toBe('Compiling model (WebGPU)…');
    await page.evaluate(() => window.__fake.progress({ phase: 'ready', loaded: 0, total: 0, message: '' }));
    await page.locator(sel.progress).waitFor({ state: 'hidden' });
    await context.close();
  });

  it('a widget without an index URL reports BAD_OPTION instead of throwing', async () => {
    const { page, context, events, problems } = await openPage(h);
    await page.evaluate(() => {
      const el = document.createElement('quarry-search');
      el.id = 'noindex';
      el.setAttribute('no-trigger', '');
      document.body.append(el);
      (el as any).open();
    });
    const err = (await events()).find((e) => e.type === 'quarry:error');
    expect(err?.detail.code).toBe('BAD_OPTION');
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });
});
