import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, searchFor, sel, startHarness, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('navigation', () => {
  it('arrows + Enter go to page#anchor, resolved against the site root; quarry:select fires first', async () => {
    const { page, context } = await openPage(h);
    await searchFor(page, 'install');
    await page.keyboard.press('ArrowDown');
    // sessionStorage survives the navigation: proves the event fired on the old page, before leaving it.
    await page.evaluate(() =>
      document.addEventListener('quarry:select', (e) =>
        sessionStorage.setItem('select', JSON.stringify({ detail: (e as CustomEvent).detail, url: location.href })),
      ),
    );
    await Promise.all([page.waitForURL('**/guide/install.html#install-with-npm'), page.keyboard.press('Enter')]);
    expect(page.url()).toBe(`${h.url}/guide/install.html#install-with-npm`);
    const { detail, url } = JSON.parse((await page.evaluate(() => sessionStorage.getItem('select'))) ?? '{}');
    expect(detail).toEqual({ url: `${h.url}/guide/install.html#install-with-npm`, query: 'install', rank: 2, source: 'result' });
    expect(url).toBe(`${h.url}/`);
    await context.close();
  });

  it('records quarry:search and quarry:select events (cancelable select keeps the page)', async () => {
    const { page, context, events } = await openPage(h);
    await page.evaluate(() => ((window as any).__preventSelect = true));
    await searchFor(page, 'config');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    const ev = await events();
    const searches = ev.filter((e) => e.type === 'quarry:search');
    expect(searches[0].detail).toEqual({ query: 'config', stage: 'lexical', count: 5 });
    expect(searches.at(-1)!.detail).toEqual({ query: 'config', stage: 'hybrid', count: 5 });
    const select = ev.find((e) => e.type === 'quarry:select');
    expect(select?.detail).toEqual({ url: `${h.url}/guide/config.html#themes`, query: 'config', rank: 4, source: 'result' });
    expect(page.url()).toBe(`${h.url}/`); // prevented
    await context.close();
  });

  it('a result without anchor opens the page URL', async () => {
    const { page, context } = await openPage(h);
    await searchFor(page, 'api');
    await page.keyboard.press('ArrowUp'); // last: Search API page, no anchor
    await Promise.all([page.waitForURL('**/api/search.html'), page.keyboard.press('Enter')]);
    expect(page.url()).toBe(`${h.url}/api/search.html`);
    await context.close();
  });

  it('Ctrl-Enter opens the result in a new tab and keeps the dialog open', async () => {
    const { page, context } = await openPage(h);
    await searchFor(page, 'install');
    const [popup] = await Promise.all([context.waitForEvent('page'), page.keyboard.press('Control+Enter')]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(`${h.url}/guide/install.html#requirements`);
    expect(page.url()).toBe(`${h.url}/`);
    expect(await page.locator(sel.dialog).evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    await context.close();
  });

  it('click opens a result; Ctrl-click opens it in a new tab', async () => {
    const { page, context } = await openPage(h);
    await searchFor(page, 'config');
    const [popup] = await Promise.all([context.waitForEvent('page'), page.locator(sel.option).nth(1).click({ modifiers: ['Control'] })]);
    await popup.waitForLoadState();
    expect(popup.url()).toBe(`${h.url}/guide/install.html#install-with-npm`);
    await Promise.all([page.waitForURL('**/guide/config.html#themes'), page.locator(sel.option).nth(3).click()]);
    expect(page.url()).toBe(`${h.url}/guide/config.html#themes`);
    await context.close();
  });

  it('never follows a javascript: href from the index', async () => {
    const { page, context, problems } = await openPage(h);
    await searchFor(page, 'jsurl');
    await page.keyboard.press('Enter');
    await page.locator(sel.option).first().click();
    await page.waitForTimeout(200);
    expect(page.url()).toBe(`${h.url}/`);
    expect(problems.dialogs).toEqual([]);
    expect(problems.warnings.some((w) => w.includes('unsupported URL'))).toBe(true);
    await context.close();
  });

  it('resolves results against the parent of a sub-folder index and honours base-url', async () => {
    const { page, context } = await openPage(h);
    await page.evaluate(() => {
      document.querySelector('quarry-search')!.remove();
      const a = document.createElement('quarry-search');
      a.id = 'sub';
      a.setAttribute('index', '/docs/v2/_quarry'); // no trailing slash: still a folder
      document.body.append(a);
    });
    await page.evaluate(() => (document.getElementById('sub') as any).search('install'));
    await page.waitForSelector(sel.selected);
    await page.evaluate(() => ((window as any).__preventSelect = true));
    await page.keyboard.press('Enter');
    let ev = await page.evaluate(() => (window as any).__events.filter((e: any) => e.type === 'quarry:select'));
    expect(ev.at(-1).detail.url).toBe(`${h.url}/docs/v2/guide/install.html#requirements`);
    expect(await page.evaluate(() => window.__fake.created.at(-1))).toBe(`${h.url}/docs/v2/_quarry/`);

    await page.evaluate(() => {
      document.getElementById('sub')!.remove();
      const b = document.createElement('quarry-search');
      b.id = 'based';
      b.setAttribute('index', '/search/');
      b.setAttribute('base-url', '/site/');
      document.body.append(b);
    });
    await page.evaluate(() => (document.getElementById('based') as any).search('install'));
    await page.waitForSelector(sel.selected);
    await page.keyboard.press('Enter');
    ev = await page.evaluate(() => (window as any).__events.filter((e: any) => e.type === 'quarry:select'));
    expect(ev.at(-1).detail.url).toBe(`${h.url}/site/guide/install.html#requirements`);
    await context.close();
  });
});
