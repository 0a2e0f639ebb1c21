/**
 * Issue 13, as a visitor meets it: the sample docs site built by the real
 * CLI with the real model, the real widget and worker in Debian Chromium,
 * under Quarry's strict CSP. Results a user can trust: an honest "no good
 * match", a literal that finds its one page and nothing else, an answer
 * sentence that links to itself, excerpts that show the match, real links,
 * recent searches, and all of it accessible in both themes.
 */
import AxeBuilder from '@axe-core/playwright';
import { existsSync } from 'node:fs';
import { readdir, readFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveBuiltSite, watchedPage, type ServedSite, type WatchedPage } from '../support/site-server.ts';
import { openDialog } from '../support/widget-driver.ts';

const sel = {
  input: 'quarry-search [role=combobox]',
  option: 'quarry-search [role=option]',
  result: 'quarry-search [role=option]:not(.answer):not(.recent):not(.suggestion)',
  answer: 'quarry-search [role=option].answer',
  suggestion: 'quarry-search [role=option].suggestion',
  recent: 'quarry-search [role=option].recent',
  state: 'quarry-search .state',
  clearRecent: 'quarry-search button.lead-action',
};

/** Every page of the built site (not the index folder), path relative to the site root. */
async function sitePages(root: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    const path = relative(root, join(entry.parentPath, entry.name));
    if (entry.isFile() && path.endsWith('.html') && !path.startsWith('_quarry')) out.push(path);
  }
  return out.sort();
}

/** Records the widget's analytics events from page start (watchedPage records quarry:search). */
async function recordEvents(w: WatchedPage): Promise<void> {
  await w.page.addInitScript(() => {
    const seen: { type: string; detail: unknown }[] = [];
    (window as unknown as { __trust: typeof seen }).__trust = seen;
    for (const type of ['quarry:no-results', 'quarry:select']) document.addEventListener(type, (e) => seen.push({ type, detail: (e as CustomEvent).detail }));
  });
}

/** Types a query and waits for its final stage (semantic, or "no good match"), however many results it has. */
async function searchFinal(page: Page, query: string): Promise<void> {
  await page.locator(sel.input).fill(query);
  await page.waitForFunction(
    (q) => (window as unknown as { __quarryEvents: Array<{ query: string; stage: string }> }).__quarryEvents.some((d) => d.query === q && d.stage !== 'lexical'),
    query,
    { timeout: 90_000, polling: 100 },
  );
}

function resultHrefs(page: Page): Promise<string[]> {
  return page.locator(sel.result).evaluateAll((os) => os.map((o) => (o as HTMLAnchorElement).href));
}

/** The text a `:~:text=` directive names: its start (and end) terms, without prefix- and -suffix. */
function directiveTerms(href: string): string[] {
  const directive = new URL(href).hash.split(':~:text=')[1] ?? '';
  return directive
    .split('&')[0]
    .split(',')
    .filter((part) => !part.endsWith('-') && !part.startsWith('-'))
    .map((part) => decodeURIComponent(part));
}

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('results a visitor can trust (sample docs site, real model)', () => {
  let site: ServedSite;
  let pages: string[];
  beforeAll(async () => {
    // The full model's features (answer card, its "no good match" suggestions): without the static tier the first query loads it.
    site = await serveBuiltSite({ staticTier: false });
    pages = await sitePages(site.built.site);
  });
  afterAll(() => site?.close());

  it('a nonsense query shows "No results for …" with suggestions, and nothing dressed up as a result', async () => {
    const w = await watchedPage(site);
    await recordEvents(w);
    await w.page.goto(`${site.server.url}/index.html`);
    await openDialog(w.page);
    await searchFinal(w.page, 'xyzzy frobnicate');
    await w.page.locator(sel.suggestion).first().waitFor();
    expect(await w.page.locator(sel.state).innerText()).toContain('No results for “xyzzy frobnicate”.');
    expect(await w.page.locator(sel.result).count()).toBe(0);
    // Heading suggestions are links to sections of this site.
    for (const href of await w.page.locator(`${sel.suggestion}[href]`).evaluateAll((os) => os.map((o) => (o as HTMLAnchorElement).href))) {
      expect(existsSync(join(site.built.site, new URL(href).pathname))).toBe(true);
    }
    const noResults = await w.page.evaluate(() => (window as unknown as { __trust: { type: string; detail: unknown }[] }).__trust.filter((e) => e.type === 'quarry:no-results'));
    expect(noResults.map((e) => e.detail)).toEqual([{ query: 'xyzzy frobnicate' }]);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });

  it('a literal that occurs on one page returns that page, not a filled list', async () => {
    const literal = 'E2301';
    const holding: string[] = [];
    for (const p of pages) if ((await readFile(join(site.built.site, p), 'utf8')).includes(literal)) holding.push(p);
    expect(holding).toEqual(['errors.html']); // the premise, checked on the built site itself

    const w = await watchedPage(site);
    await w.page.goto(`${site.server.url}/index.html`);
    await openDialog(w.page);
    await searchFinal(w.page, literal);
    const hrefs = await resultHrefs(w.page);
    expect(hrefs.length).toBeGreaterThan(0);
    expect(hrefs.map((h) => new URL(h).pathname)).toEqual(hrefs.map(() => '/errors.html'));
    expect(await w.page.locator(sel.result).first().innerText()).toContain(literal);
    await w.context.close();
  });

  it('a question answered by one sentence gets the answer card; its link scrolls to that sentence on the page', async () => {
    const w = await watchedPage(site, { viewport: { width: 900, height: 420 } });
    await w.page.goto(`${site.server.url}/index.html`);
    await openDialog(w.page);
    await searchFinal(w.page, 'Can I run two servers on one machine?');
    const card = w.page.locator(sel.answer);
    await card.waitFor({ timeout: 30_000 });
    const sentence = normalise(await card.locator('.answer-text').innerText());
    const href = await card.evaluate((a) => (a as HTMLAnchorElement).href);
    expect(sentence).toMatch(/separate data directories/);
    expect(new URL(href).pathname).toBe('/troubleshooting.html');
    expect(href).toContain(':~:text=');
    // The card is the first option and, as nothing was moved yet, the selected one.
    expect(await w.page.locator(sel.option).first().getAttribute('class')).toContain('answer');
    expect(await card.getAttribute('aria-selected')).toBe('true');

    await Promise.all([w.page.waitForURL('**/troubleshooting.html**'), card.click()]);
    const body = normalise(await w.page.locator('body').innerText());
    expect(body).toContain(sentence);
    for (const term of directiveTerms(href)) expect(body).toContain(normalise(term));
    // The browser used the directive: the sentence is on screen.
    await w.page.waitForFunction((text) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent?.includes(text)) continue;
        const r = n.parentElement!.getBoundingClientRect();
        return r.bottom > 0 && r.top < innerHeight;
      }
      return false;
    }, 'separate data directories');
    // The directive alone, without the section anchor, still scrolls the sentence into view: the browser honours it.
    await w.page.goto('about:blank');
    await w.page.goto(href.replace(/#[^:]*:~:/u, '#:~:'));
    await w.page.waitForFunction((text) => {
      const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walker.nextNode(); n; n = walker.nextNode()) {
        if (!n.textContent?.includes(text)) continue;
        const r = n.parentElement!.getBoundingClientRect();
        return scrollY > 0 && r.bottom > 0 && r.top < innerHeight;
      }
      return false;
    }, 'separate data directories');
    expect(w.errors).toEqual([]);
    await w.context.close();
  });

  it('the excerpt of an identifier hit contains the identifier', async () => {
    const w = await watchedPage(site);
    await w.page.goto(`${site.server.url}/index.html`);
    await openDialog(w.page);
    await searchFinal(w.page, 'E2210');
    // configuration.html mentions E2210 at the end of the wal_buffer_size entry, errors.html in its heading.
    const hits = await w.page.locator(sel.result).evaluateAll((os) =>
      os.map((o) => ({
        href: (o as HTMLAnchorElement).href,
        title: o.querySelector('.option-title')?.textContent ?? '',
        excerpt: o.querySelector('.option-excerpt')?.textContent ?? '',
        marks: [...o.querySelectorAll('.option-excerpt mark')].map((m) => m.textContent),
      })),
    );
    const entry = hits.find((h) => h.href.endsWith('/configuration.html#wal_buffer_size'));
    expect(entry, JSON.stringify(hits)).toBeDefined();
    expect(entry!.excerpt).toContain('E2210');
    expect(entry!.marks).toContain('E2210');
    const own = hits.find((h) => h.title.includes('E2210'));
    expect(own?.href).toMatch(/\/errors\.html#/);
    await w.context.close();
  });

  it('results are anchors with the href of a page of the site', async () => {
    const w = await watchedPage(site);
    await w.page.goto(`${site.server.url}/index.html`);
    await openDialog(w.page);
    await searchFinal(w.page, 'encrypted connections certificate');
    const options = await w.page.locator(sel.result).evaluateAll((os) => os.map((o) => ({ tag: o.tagName, href: (o as HTMLAnchorElement).href })));
    expect(options.length).toBeGreaterThan(0);
    for (const o of options) {
      expect(o.tag).toBe('A');
      const url = new URL(o.href);
      expect(url.origin).toBe(site.server.url);
      expect(existsSync(join(site.built.site, url.pathname))).toBe(true);
    }
    expect(new URL(options[0].href).pathname).toBe('/security.html');
    await w.context.close();
  });

  it('a chosen result comes back as a recent search on the next page, and Clear removes them', async () => {
    const w = await watchedPage(site);
    await w.page.goto(`${site.server.url}/index.html`);
    await openDialog(w.page);
    await searchFinal(w.page, 'wal_buffer_size');
    const title = await w.page.locator(`${sel.result} .option-title`).first().innerText();
    const href = await w.page.locator(sel.result).first().evaluate((a) => (a as HTMLAnchorElement).href);
    await Promise.all([w.page.waitForURL(href), w.page.keyboard.press('Enter')]);
    await openDialog(w.page);
    await w.page.locator(sel.recent).first().waitFor();
    expect(await w.page.locator(`${sel.recent} .option-title`).allInnerTexts()).toEqual([title]);
    expect(await w.page.locator(`${sel.recent} .option-path`).allInnerTexts()).toEqual(['“wal_buffer_size”']);
    await w.page.locator(sel.clearRecent).click();
    expect(await w.page.locator(sel.recent).count()).toBe(0);
    expect(await w.page.locator(sel.state).innerText()).toBe('Search the docs by keyword or by question.');
    await w.context.close();
  });

  it('axe finds nothing serious with the answer card, the "no good match" state and recent searches, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const w = await watchedPage(site, { colorScheme });
      await w.page.goto(`${site.server.url}/index.html`);
      await openDialog(w.page);
      const check = async (what: string) => {
        const result = await new AxeBuilder({ page: w.page }).include('quarry-search').analyze();
        const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
        expect(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), `${what}, ${colorScheme}`).toEqual([]);
      };
      await searchFinal(w.page, 'Can I run two servers on one machine?');
      await w.page.locator(sel.answer).waitFor({ timeout: 30_000 });
      await check('answer card');
      await searchFinal(w.page, 'xyzzy frobnicate');
      await w.page.locator(sel.suggestion).first().waitFor();
      await check('no good match');
      await w.page.evaluate(() => document.addEventListener('quarry:select', (e) => e.preventDefault()));
      await searchFinal(w.page, 'backup');
      await w.page.keyboard.press('Enter');
      await w.page.locator(sel.input).fill('');
      await w.page.locator(sel.recent).first().waitFor();
      await check('recent searches');
      await w.context.close();
    }
  });
});
