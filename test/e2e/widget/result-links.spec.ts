import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeInside, openPage, searchFor, sel, startHarness, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Records window.open calls: a link the browser opens itself never goes through it. */
async function recordWindowOpen(page: import('playwright-core').Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const calls: string[] = [];
    (window as any).__opened = calls;
    const real = window.open.bind(window);
    window.open = (url?: string | URL, ...rest: any[]) => {
      calls.push(String(url));
      return real(url, ...rest);
    };
  });
  return () => page.evaluate(() => (window as any).__opened as string[]);
}

describe('results are links', () => {
  it('every option is an <a href> with the absolute URL, out of the Tab order, inside the combobox pattern', async () => {
    const { page, context } = await openPage(h);
    await searchFor(page, 'install');
    const options = await page.locator(sel.option).evaluateAll((os) =>
      os.map((o) => ({ tag: o.tagName, href: (o as HTMLAnchorElement).href, tabindex: o.getAttribute('tabindex'), group: o.parentElement?.getAttribute('role') })),
    );
    expect(options).toHaveLength(5);
    expect(options.map((o) => o.href)).toEqual([
      `${h.url}/guide/install.html#requirements`,
      `${h.url}/guide/install.html#install-with-npm`,
      `${h.url}/guide/config.html#index-options`,
      `${h.url}/guide/config.html#themes`,
      `${h.url}/api/search.html`,
    ]);
    expect(options.every((o) => o.tag === 'A' && o.tabindex === '-1' && o.group === 'group')).toBe(true);
    // Arrows keep focus in the input; Tab goes to the dialog's buttons, never into the list.
    await page.keyboard.press('ArrowDown');
    expect(await activeInside(page)).toBe('combobox');
    expect(await page.locator(sel.input).getAttribute('aria-activedescendant')).toBe(await page.locator(sel.selected).getAttribute('id'));
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.querySelector('quarry-search')!.shadowRoot!.activeElement?.getAttribute('role'))).not.toBe('option');
    }
    await context.close();
  });

  it('middle-click opens the link in a new tab natively, reports quarry:select, keeps focus and the dialog', async () => {
    const { page, context, events } = await openPage(h);
    const opened = await recordWindowOpen(page);
    await searchFor(page, 'config');
    const [popup] = await Promise.all([context.waitForEvent('page'), page.locator(sel.option).nth(3).click({ button: 'middle' })]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(`${h.url}/guide/config.html#themes`);
    expect(await opened()).toEqual([]); // the browser did it, not the widget
    expect(page.url()).toBe(`${h.url}/`);
    expect(await page.locator(sel.dialog).evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    expect(await activeInside(page)).toBe('combobox');
    const select = (await events()).filter((e) => e.type === 'quarry:select');
    expect(select.map((e) => e.detail)).toEqual([{ url: `${h.url}/guide/config.html#themes`, query: 'config', rank: 4, source: 'result' }]);
    await context.close();
  });

  it('Ctrl-click is the browser’s own new-tab open, even when a listener cancels quarry:select', async () => {
    const { page, context } = await openPage(h);
    const opened = await recordWindowOpen(page);
    await page.evaluate(() => ((window as any).__preventSelect = true));
    await searchFor(page, 'install');
    const [popup] = await Promise.all([context.waitForEvent('page'), page.locator(sel.option).nth(1).click({ modifiers: ['Control'] })]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(`${h.url}/guide/install.html#install-with-npm`);
    expect(await opened()).toEqual([]);
    expect(page.url()).toBe(`${h.url}/`);
    await context.close();
  });

  it('a plain click fires the cancelable quarry:select first, then the link navigates; cancelled, it stays', async () => {
    const { page, context } = await openPage(h);
    await page.evaluate(() => ((window as any).__preventSelect = true));
    await searchFor(page, 'install');
    await page.locator(sel.option).nth(2).click();
    await page.waitForTimeout(150);
    expect(page.url()).toBe(`${h.url}/`);
    expect(await page.locator(sel.dialog).evaluate((d: HTMLDialogElement) => d.open)).toBe(true);

    await page.evaluate(() => {
      (window as any).__preventSelect = false;
      document.addEventListener('quarry:select', (e) => sessionStorage.setItem('select', JSON.stringify({ url: (e as CustomEvent).detail.url, at: location.href })));
    });
    await Promise.all([page.waitForURL('**/guide/config.html#index-options'), page.locator(sel.option).nth(2).click()]);
    expect(JSON.parse((await page.evaluate(() => sessionStorage.getItem('select'))) ?? '{}')).toEqual({ url: `${h.url}/guide/config.html#index-options`, at: `${h.url}/` });
    await context.close();
  });
});
