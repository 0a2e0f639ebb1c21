import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, searchFor, sel, startHarness, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

async function replaceWidget(page: import('playwright-core').Page, attrs: Record<string, string>): Promise<void> {
  await page.evaluate((a) => {
    document.querySelector('quarry-search')?.remove();
    const el = document.createElement('quarry-search');
    for (const [k, v] of Object.entries(a)) el.setAttribute(k, v);
    document.querySelector('header')!.append(el);
  }, attrs);
}

describe('attributes', () => {
  it('invalid values warn with the attribute name and allowed values, then fall back', async () => {
    const { page, context, problems } = await openPage(h);
    await replaceWidget(page, { index: '/search/', theme: 'blue', mode: 'fuzzy', k: '-3', hotkey: 'ctrl+k' });
    await page.waitForTimeout(50);
    const w = problems.warnings.join('\n');
    expect(w).toContain('attribute "theme" must be one of auto, light, dark; got "blue"');
    expect(w).toContain('attribute "mode" must be one of hybrid, lexical, dense; got "fuzzy"');
    expect(w).toContain('attribute "k" must be an integer from 1 to 100; got "-3"');
    expect(w).toContain('attribute "hotkey" must be a single letter or digit');
    await searchFor(page, 'install');
    expect(await page.evaluate(() => window.__fake.calls.at(-1)!.options)).toEqual({ k: undefined, mode: 'hybrid' });
    await context.close();
  });

  it('k, mode, placeholder and hotkey are honoured', async () => {
    const { page, context } = await openPage(h);
    await replaceWidget(page, { index: '/search/', k: '2', mode: 'lexical', placeholder: 'Search the handbook', hotkey: 'j' });
    expect(await page.locator('quarry-search .trigger-label').textContent()).toBe('Search the handbook');
    expect(await page.locator('quarry-search .trigger-keys').textContent()).toBe('CtrlJ');
    await page.locator('#other').focus();
    await page.keyboard.press('Control+k');
    expect(await page.locator(sel.dialog).evaluate((d: HTMLDialogElement) => d.open)).toBe(false);
    await page.keyboard.press('Control+j');
    expect(await page.locator(sel.dialog).evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    expect(await page.locator(sel.input).getAttribute('placeholder')).toBe('Search the handbook');
    await page.locator(sel.input).fill('install');
    await page.waitForFunction(() => (window as any).__events.some((e: any) => e.type === 'quarry:search' && e.detail.stage === 'lexical'));
    expect(await page.evaluate(() => window.__fake.calls.at(-1)!.options)).toEqual({ k: 2, mode: 'lexical' });
    expect(await page.locator(sel.group).count()).toBe(2);
    expect(await page.locator(sel.badge).isVisible()).toBe(false); // lexical mode: final at once
    await context.close();
  });

  it('no-trigger renders no button; hotkeys and the API still work', async () => {
    const { page, context } = await openPage(h);
    await replaceWidget(page, { index: '/search/', 'no-trigger': '' });
    expect(await page.locator('quarry-search button.trigger').count()).toBe(0);
    await page.keyboard.press('/');
    expect(await page.locator(sel.dialog).evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
    await context.close();
  });

  it('two widgets on a page: a hotkey opens only one', async () => {
    const { page, context } = await openPage(h);
    await page.evaluate(() => {
      const el = document.createElement('quarry-search');
      el.setAttribute('index', '/search/');
      document.body.append(el);
    });
    await page.keyboard.press('Control+k');
    const open = await page.evaluate(() => [...document.querySelectorAll('quarry-search')].map((e) => e.shadowRoot!.querySelector('dialog')!.open));
    expect(open.filter(Boolean).length).toBe(1);
    await context.close();
  });

  it('moving the element in the DOM keeps its client; removing it disposes', async () => {
    const { page, context } = await openPage(h);
    await page.locator(sel.trigger).hover();
    await page.evaluate(() => document.querySelector('main')!.append(document.querySelector('quarry-search')!));
    await page.keyboard.press('Control+k');
    await page.locator(sel.input).fill('install');
    await page.waitForSelector(sel.selected);
    expect(await page.evaluate(() => window.__fake.created.length)).toBe(1);
    expect(await page.evaluate(() => window.__fake.disposeCount)).toBe(0);
    await page.evaluate(() => document.querySelector('quarry-search')!.remove());
    await page.waitForFunction(() => window.__fake.disposeCount === 1);
    await context.close();
  });
});
