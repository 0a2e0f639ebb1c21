import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, searchFor, sel, startHarness, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

function groups(page: import('playwright-core').Page) {
  return page.locator(sel.group).evaluateAll((gs) =>
    gs.map((g) => ({
      label: (g.getRootNode() as ShadowRoot).getElementById(g.getAttribute('aria-labelledby') ?? '')?.textContent ?? g.getAttribute('aria-label'),
      options: [...g.querySelectorAll('[role="option"]')].map((o) => ({ title: o.querySelector('.option-title')?.textContent, href: (o as HTMLAnchorElement).href ?? null })),
    })),
  );
}

describe('"no good match"', () => {
  it('says "No results for …" and offers the suggestions as options, none preselected', async () => {
    const { page, context } = await openPage(h);
    await searchFor(page, 'xyzzy frobnicate');
    expect(await page.locator(sel.state).textContent()).toBe('No results for “xyzzy frobnicate”.Try one of these, or different words.');
    expect(await groups(page)).toEqual([
      { label: 'Did you mean', options: [{ title: 'Search for “install”', href: null }] },
      {
        label: 'Closest sections',
        options: [
          { title: 'Index options', href: `${h.url}/guide/config.html#index-options` },
          { title: 'Themes', href: `${h.url}/guide/config.html#themes` },
        ],
      },
    ]);
    const input = page.locator(sel.input);
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    // Enter must not swap the visitor's words for a guess: nothing is selected until they move.
    expect(await input.getAttribute('aria-activedescendant')).toBeNull();
    await page.waitForFunction(() => /No results for “xyzzy frobnicate”\. 3 suggestions\./.test(document.querySelector('quarry-search')!.shadowRoot!.querySelector('[role="status"]')!.textContent!));
    await context.close();
  });

  it('the respelling runs that query; a heading goes to its section', async () => {
    const { page, context } = await openPage(h);
    await searchFor(page, 'xyzzy frobnicate');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.waitForFunction(() => (window as any).__events.some((e: any) => e.type === 'quarry:search' && e.detail.query === 'install' && e.detail.stage === 'hybrid'));
    expect(await page.locator(sel.input).inputValue()).toBe('install');
    expect(await page.locator(sel.option).count()).toBe(5);
    expect(await page.locator(sel.state).isVisible()).toBe(false);

    await searchFor(page, 'xyzzy again');
    await page.locator(sel.option).nth(2).click(); // Themes (a click works like Enter)
    await page.waitForURL('**/guide/config.html#themes');
    await context.close();
  });

  it('a heading suggestion reports quarry:select with source "suggestion"', async () => {
    const { page, context, events } = await openPage(h);
    await page.evaluate(() => ((window as any).__preventSelect = true));
    await searchFor(page, 'xyzzy frobnicate');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const select = (await events()).filter((e) => e.type === 'quarry:select');
    expect(select.map((e) => e.detail)).toEqual([{ url: `${h.url}/guide/config.html#index-options`, query: 'xyzzy frobnicate', rank: 2, source: 'suggestion' }]);
    await context.close();
  });

  it('with no suggestions, the plain "No results" message', async () => {
    const { page, context } = await openPage(h);
    await searchFor(page, 'xyzzy bare');
    expect(await page.locator(sel.state).textContent()).toBe('No results for “xyzzy bare”.Try fewer words or a different phrasing.');
    expect(await page.locator(sel.option).count()).toBe(0);
    expect(await page.locator(sel.input).getAttribute('aria-expanded')).toBe('false');
    await context.close();
  });
});
