import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeInside, openPage, sel, startHarness, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const isOpen = (page: import('playwright-core').Page) => page.locator(sel.dialog).evaluate((d: HTMLDialogElement) => d.open);

describe('opening and closing', () => {
  it('Ctrl-K opens the dialog with the combobox focused; Esc closes and restores focus', async () => {
    const { page, context, problems } = await openPage(h);
    await page.locator('#other').focus();
    await page.keyboard.press('Control+k');
    expect(await isOpen(page)).toBe(true);
    expect(await activeInside(page)).toBe('combobox');
    const dialog = page.locator(sel.dialog);
    expect(await dialog.getAttribute('aria-modal')).toBe('true');
    expect(await dialog.getAttribute('aria-label')).toBeTruthy();
    await page.keyboard.press('Escape');
    expect(await isOpen(page)).toBe(false);
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('other');
    // Ctrl-K toggles.
    await page.keyboard.press('Control+k');
    expect(await isOpen(page)).toBe(true);
    await page.keyboard.press('Control+k');
    expect(await isOpen(page)).toBe(false);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });

  it('"/" opens, but not while typing in a text field', async () => {
    const { page, context } = await openPage(h);
    await page.locator('#field').focus();
    await page.keyboard.press('/');
    expect(await isOpen(page)).toBe(false);
    expect(await page.locator('#field').inputValue()).toBe('/');
    await page.locator('#other').focus();
    await page.keyboard.press('/');
    expect(await isOpen(page)).toBe(true);
    // The slash is not typed into the search box.
    expect(await page.locator(sel.input).inputValue()).toBe('');
    // Typing "/" inside the search input is just text.
    await page.keyboard.type('a/b');
    expect(await page.locator(sel.input).inputValue()).toBe('a/b');
    expect(await isOpen(page)).toBe(true);
    await context.close();
  });

  it('the trigger opens on click, restores focus to itself, and shows the platform shortcut', async () => {
    const { page, context } = await openPage(h);
    const keys = await page.locator('quarry-search .trigger-keys').textContent();
    expect(keys).toBe('CtrlK'); // Linux
    expect(await page.locator(sel.trigger).getAttribute('aria-keyshortcuts')).toContain('Control+K');
    await page.locator(sel.trigger).click();
    expect(await isOpen(page)).toBe(true);
    await page.keyboard.press('Escape');
    expect(await isOpen(page)).toBe(false);
    expect(await activeInside(page)).toBe('trigger');
    await context.close();
  });

  it('traps focus: Tab and Shift-Tab cycle inside the dialog', async () => {
    const { page, context } = await openPage(h);
    await page.keyboard.press('Control+k');
    await page.locator(sel.input).fill('install');
    const seen: string[] = [];
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      seen.push(await activeInside(page));
    }
    // combobox → clear → close → combobox …
    expect(seen).toEqual(['clear', 'close', 'combobox', 'clear', 'close', 'combobox']);
    await page.keyboard.press('Shift+Tab');
    expect(await activeInside(page)).toBe('close');
    const inDialog = await page.evaluate(() => {
      const host = document.querySelector('quarry-search')!;
      return host.shadowRoot!.querySelector('dialog')!.contains(host.shadowRoot!.activeElement);
    });
    expect(inDialog).toBe(true);
    await context.close();
  });

  it('clicking the backdrop closes; the close button closes', async () => {
    const { page, context } = await openPage(h);
    await page.keyboard.press('Control+k');
    await page.mouse.click(20, 700);
    expect(await isOpen(page)).toBe(false);
    await page.keyboard.press('Control+k');
    await page.locator('quarry-search .close').click();
    expect(await isOpen(page)).toBe(false);
    await context.close();
  });

  it('creates the client lazily: nothing before intent, warm() on hover', async () => {
    const { page, context } = await openPage(h);
    expect(await page.evaluate(() => window.__fake.created.length)).toBe(0);
    await page.locator(sel.trigger).hover();
    expect(await page.evaluate(() => window.__fake.created)).toEqual([`${h.url}/search/`]);
    expect(await page.evaluate(() => window.__fake.warmCount)).toBe(1);
    await page.locator(sel.trigger).click();
    expect(await page.evaluate(() => window.__fake.warmCount)).toBe(1);
    await context.close();
  });

  it('open()/close()/search() JS API', async () => {
    const { page, context } = await openPage(h);
    await page.evaluate(() => (document.querySelector('quarry-search') as any).open());
    expect(await isOpen(page)).toBe(true);
    await page.evaluate(() => (document.querySelector('quarry-search') as any).close());
    expect(await isOpen(page)).toBe(false);
    await page.evaluate(() => (document.querySelector('quarry-search') as any).search('config'));
    expect(await isOpen(page)).toBe(true);
    expect(await page.locator(sel.input).inputValue()).toBe('config');
    await page.waitForSelector(sel.selected);
    await context.close();
  });
});
