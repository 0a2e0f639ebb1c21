import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, searchFor, sel, startHarness, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const recentOption = 'quarry-search [role="option"].recent';
const clearButton = 'quarry-search button.lead-action';

/**
 * Picks the `n`th option (0-based) for `query` without leaving the page (a
 * cancelled quarry:select still counts as chosen). Each call needs a query
 * other than the one in the input, or no new search runs.
 */
async function pick(page: Page, query: string, n: number): Promise<void> {
  await searchFor(page, query);
  for (let i = 0; i < n; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

async function emptyInput(page: Page): Promise<void> {
  await page.locator(sel.input).fill('');
}

function recents(page: Page) {
  return page.locator(recentOption).evaluateAll((os) =>
    os.map((o) => ({ title: o.querySelector('.option-title')?.textContent, query: o.querySelector('.option-path')?.textContent, href: (o as HTMLAnchorElement).href })),
  );
}

describe('recent searches', () => {
  it('a chosen result appears in the empty state and Enter goes back to it', async () => {
    const { page, context } = await openPage(h);
    await page.keyboard.press('Control+k');
    expect(await page.locator(sel.state).textContent()).toBe('Search the docs by keyword or by question.');
    expect(await page.locator(recentOption).count()).toBe(0);
    await searchFor(page, 'install');
    await page.keyboard.press('ArrowDown');
    await Promise.all([page.waitForURL('**/guide/install.html#install-with-npm'), page.keyboard.press('Enter')]);

    await page.goto(`${h.url}/`);
    await page.waitForFunction(() => !!customElements.get('quarry-search'));
    await page.keyboard.press('Control+k');
    await page.locator(recentOption).first().waitFor();
    expect(await recents(page)).toEqual([{ title: 'Install with npm', query: '“install”', href: `${h.url}/guide/install.html#install-with-npm` }]);
    expect(await page.locator(sel.state).isVisible()).toBe(false);
    expect(await page.locator('quarry-search .lead').textContent()).toContain('Recent searches');
    const input = page.locator(sel.input);
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    expect(await input.getAttribute('aria-activedescendant')).toBe(await page.locator(recentOption).first().getAttribute('id'));
    expect(await page.locator(recentOption).first().getAttribute('aria-keyshortcuts')).toBe('Delete');
    // sessionStorage outlives the navigation: the event fired before leaving.
    await page.evaluate(() => document.addEventListener('quarry:select', (e) => sessionStorage.setItem('select', JSON.stringify((e as CustomEvent).detail))));
    await Promise.all([page.waitForURL('**/guide/install.html#install-with-npm'), page.keyboard.press('Enter')]);
    expect(JSON.parse((await page.evaluate(() => sessionStorage.getItem('select'))) ?? '{}')).toEqual({
      url: `${h.url}/guide/install.html#install-with-npm`,
      query: 'install',
      rank: 1,
      source: 'recent',
    });
    await context.close();
  });

  it('newest first, one entry per result, at most six; ↑/↓ move through them', async () => {
    const { page, context } = await openPage(h);
    await page.evaluate(() => ((window as any).__preventSelect = true));
    await pick(page, 'install', 0); // Requirements
    await pick(page, 'config', 3); // Themes
    await pick(page, 'install guide', 0); // Requirements again, found with another query: moves to the top
    await emptyInput(page);
    expect(await recents(page)).toEqual([
      { title: 'Requirements', query: '“install guide”', href: `${h.url}/guide/install.html#requirements` },
      { title: 'Themes', query: '“config”', href: `${h.url}/guide/config.html#themes` },
    ]);
    await page.keyboard.press('ArrowDown');
    expect(await page.locator(sel.selected).locator('.option-title').textContent()).toBe('Themes');
    for (let i = 0; i < 7; i++) await pick(page, `many ${i}`, i);
    await emptyInput(page);
    const list = await recents(page);
    expect(list).toHaveLength(6);
    expect(list.map((e) => e.title)).toEqual(['Section 3.1', 'Section 2.3', 'Section 2.2', 'Section 2.1', 'Section 1.3', 'Section 1.2']);
    expect(list.map((e) => e.title)).not.toContain('Requirements');
    await context.close();
  });

  it('entries are removed one by one (Delete, or the ×) and all at once with Clear', async () => {
    const { page, context, problems } = await openPage(h);
    await page.evaluate(() => ((window as any).__preventSelect = true));
    for (let i = 0; i < 4; i++) await pick(page, `install ${i}`, i);
    await emptyInput(page);
    expect((await recents(page)).map((e) => e.title)).toEqual(['Themes', 'Index options', 'Install with npm', 'Requirements']);
    await page.keyboard.press('ArrowDown'); // Index options
    await page.keyboard.press('Delete');
    expect((await recents(page)).map((e) => e.title)).toEqual(['Themes', 'Install with npm', 'Requirements']);
    // The selection stays in place, so Delete can go on.
    expect(await page.locator(sel.selected).locator('.option-title').textContent()).toBe('Install with npm');
    await page.locator(recentOption).first().hover();
    await page.locator(`${recentOption} .option-remove`).first().click();
    expect((await recents(page)).map((e) => e.title)).toEqual(['Install with npm', 'Requirements']);
    expect(page.url()).toBe(`${h.url}/`); // the × did not follow the link
    // Delete with text in the input edits the text, nothing else.
    await page.locator(sel.input).fill('ab');
    await page.keyboard.press('Home');
    await page.keyboard.press('Delete');
    expect(await page.locator(sel.input).inputValue()).toBe('b');
    await emptyInput(page);
    await page.locator(clearButton).click();
    expect(await page.locator(recentOption).count()).toBe(0);
    expect(await page.locator(sel.state).textContent()).toBe('Search the docs by keyword or by question.');
    expect(await page.locator(sel.input).getAttribute('aria-expanded')).toBe('false');
    expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith('quarry:')))).toEqual([]);
    // Cleared for good: a reload shows none.
    await page.reload();
    await page.waitForFunction(() => !!customElements.get('quarry-search'));
    await page.keyboard.press('Control+k');
    expect(await page.locator(recentOption).count()).toBe(0);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });

  it('typing replaces them at once, before any result arrives', async () => {
    const { page, context, events } = await openPage(h);
    await page.evaluate(() => ((window as any).__preventSelect = true));
    await pick(page, 'install', 0);
    await emptyInput(page);
    await page.locator(recentOption).first().waitFor();
    const selects = (await events()).filter((e) => e.type === 'quarry:select').length;
    await page.evaluate(() => (window.__fake.lexicalDelayMs = 2000));
    await page.locator(sel.input).fill('config');
    expect(await page.locator(recentOption).count()).toBe(0);
    expect(await page.locator('quarry-search .lead').isVisible()).toBe(false);
    expect(await page.locator(sel.input).getAttribute('aria-expanded')).toBe('false');
    // Enter now searches (it does not open the recent entry that was selected).
    await page.keyboard.press('Enter');
    expect((await events()).filter((e) => e.type === 'quarry:select')).toHaveLength(selects);
    expect(await page.evaluate(() => window.__fake.calls.at(-1)?.query)).toBe('config');
    await context.close();
  });

  it('each index keeps its own list', async () => {
    const { page, context } = await openPage(h);
    await page.evaluate(() => ((window as any).__preventSelect = true));
    await pick(page, 'install', 0);
    await page.keyboard.press('Escape');
    await page.evaluate(() => {
      document.querySelector('quarry-search')!.remove();
      const el = document.createElement('quarry-search');
      el.setAttribute('index', '/docs/v2/_quarry/');
      document.querySelector('header')!.append(el);
    });
    await page.keyboard.press('Control+k');
    await page.locator(sel.state).waitFor();
    expect(await page.locator(recentOption).count()).toBe(0);
    await context.close();
  });

  it('no-recent: nothing is shown or stored', async () => {
    const { page, context } = await openPage(h);
    await page.evaluate(() => {
      (window as any).__preventSelect = true;
      const el = document.querySelector('quarry-search')!;
      el.remove();
      el.setAttribute('no-recent', '');
      document.querySelector('header')!.append(el);
    });
    await pick(page, 'install', 0);
    await emptyInput(page);
    expect(await page.locator(recentOption).count()).toBe(0);
    expect(await page.locator(sel.state).textContent()).toBe('Search the docs by keyword or by question.');
    expect(await page.evaluate(() => Object.keys(localStorage))).toEqual([]);
    await context.close();
  });

  it('storage that throws (privacy mode, sandboxed frame) turns the feature off silently', async () => {
    const { page, context, problems } = await openPage(h, { search: '' });
    await context.addInitScript(() => {
      Object.defineProperty(window, 'localStorage', {
        get() {
          throw new DOMException('The document is sandboxed', 'SecurityError');
        },
      });
    });
    await page.reload();
    await page.waitForFunction(() => !!customElements.get('quarry-search'));
    await page.evaluate(() => ((window as any).__preventSelect = true));
    await pick(page, 'install', 1);
    await emptyInput(page);
    expect(await page.locator(recentOption).count()).toBe(0);
    expect(await page.locator(sel.state).textContent()).toBe('Search the docs by keyword or by question.');
    // Search itself is untouched.
    await searchFor(page, 'config');
    expect(await page.locator(sel.option).count()).toBe(5);
    expect(problems.pageErrors).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('a tampered stored list shows only well-formed http(s) entries, as text', async () => {
    const { page, context, problems } = await openPage(h);
    await page.evaluate((origin) => {
      localStorage.setItem(
        `quarry:recent:${origin}/search/`,
        JSON.stringify([
          { query: 'ok', title: '<img src=x onerror=alert(1)>', href: `${origin}/guide/install.html#requirements` },
          { query: 'bad', title: 'Script', href: 'javascript:alert(1)' },
          { query: 'no title', href: `${origin}/api/search.html` },
          'garbage',
        ]),
      );
    }, h.url);
    await page.keyboard.press('Control+k');
    await page.locator(recentOption).first().waitFor();
    expect(await recents(page)).toEqual([{ title: '<img src=x onerror=alert(1)>', query: '“ok”', href: `${h.url}/guide/install.html#requirements` }]);
    expect(await page.locator('quarry-search [role="listbox"] img').count()).toBe(0);
    expect(problems.dialogs).toEqual([]);
    await context.close();
  });
});
