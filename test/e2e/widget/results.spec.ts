import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPage, searchFor, sel, startHarness, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('results', () => {
  it('typing shows results grouped by page with breadcrumbs and <mark> highlights', async () => {
    const { page, context, problems } = await openPage(h);
    await searchFor(page, 'search index');
    const groups = await page.locator(sel.group).evaluateAll((gs) =>
      gs.map((g) => {
        const label = g.getRootNode() as ShadowRoot;
        return {
          label: label.getElementById(g.getAttribute('aria-labelledby')!)?.textContent,
          options: [...g.querySelectorAll('[role="option"]')].map((o) => ({
            title: o.querySelector('.option-title')?.textContent,
            path: o.querySelector('.option-path')?.textContent ?? '',
            marks: [...o.querySelectorAll('mark')].map((m) => m.textContent),
          })),
        };
      }),
    );
    expect(groups.map((g) => g.label)).toEqual(['Installation', 'Configuration', 'Search API']);
    expect(groups[0].options[0]).toMatchObject({ title: 'Requirements', path: 'Guide › Installation' });
    expect(groups[0].options[0].marks).toEqual(['search', 'index.']);
    expect(groups[2].options[0]).toMatchObject({ title: 'Search API', path: 'API reference' });
    // Every option belongs to the listbox the combobox controls.
    const input = page.locator(sel.input);
    expect(await input.getAttribute('aria-controls')).toBe(await page.locator(sel.listbox).getAttribute('id'));
    expect(await input.getAttribute('aria-expanded')).toBe('true');
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });

  it('pre-selects the first result; arrows move with wrapping and aria-activedescendant follows', async () => {
    const { page, context } = await openPage(h);
    await searchFor(page, 'install');
    const input = page.locator(sel.input);
    const ids = await page.locator(sel.option).evaluateAll((os) => os.map((o) => o.id));
    expect(ids.length).toBe(5);
    const selected = () => page.locator(sel.selected).evaluateAll((os) => os.map((o) => o.id));
    expect(await selected()).toEqual([ids[0]]);
    expect(await input.getAttribute('aria-activedescendant')).toBe(ids[0]);
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await selected()).toEqual([ids[2]]);
    expect(await input.getAttribute('aria-activedescendant')).toBe(ids[2]);
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await selected()).toEqual([ids[4]]); // wrapped to the last
    await page.keyboard.press('ArrowDown');
    expect(await selected()).toEqual([ids[0]]); // and back to the first
    // Focus never left the input.
    expect(await page.evaluate(() => document.querySelector('quarry-search')!.shadowRoot!.activeElement?.getAttribute('role'))).toBe('combobox');
    await context.close();
  });

  it('scrolls the selected option into view in a short viewport', async () => {
    const { page, context } = await openPage(h, { viewport: { width: 900, height: 420 } });
    await searchFor(page, 'install');
    await page.keyboard.press('ArrowUp'); // last option
    const visible = await page.locator(sel.selected).evaluate((o) => {
      const body = o.closest('[role="listbox"]')!;
      const a = o.getBoundingClientRect();
      const b = body.getBoundingClientRect();
      return a.top >= b.top - 1 && a.bottom <= b.bottom + 1;
    });
    expect(visible).toBe(true);
    await context.close();
  });

  it('mouse hover selects an option', async () => {
    const { page, context } = await openPage(h);
    await searchFor(page, 'install');
    const third = page.locator(sel.option).nth(2);
    await third.hover();
    expect(await third.getAttribute('aria-selected')).toBe('true');
    expect(await page.locator(sel.selected).count()).toBe(1);
    await context.close();
  });

  it('announces result counts in a polite live region', async () => {
    const { page, context } = await openPage(h);
    const status = page.locator(sel.status);
    expect(await status.getAttribute('aria-live')).toBe('polite');
    await searchFor(page, 'install');
    await page.waitForFunction(() => /5 results for “install”/.test(document.querySelector('quarry-search')!.shadowRoot!.querySelector('[role="status"]')!.textContent!));
    await page.locator(sel.input).fill('zzz');
    await page.waitForFunction(() => /No results for “zzz”/.test(document.querySelector('quarry-search')!.shadowRoot!.querySelector('[role="status"]')!.textContent!));
    await context.close();
  });

  it('shows an empty state with a hint', async () => {
    const { page, context } = await openPage(h);
    await searchFor(page, 'zzz', false);
    await page.waitForFunction(() => /No results/.test(document.querySelector('quarry-search')!.shadowRoot!.querySelector('.state')!.textContent!));
    const text = await page.locator(sel.state).textContent();
    expect(text).toContain('No results for “zzz”.');
    expect(text).toContain('Try fewer words or a different phrasing.');
    expect(await page.locator(sel.input).getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator(sel.input).getAttribute('aria-activedescendant')).toBeNull();
    await context.close();
  });

  it('ignores responses for a query other than the current input', async () => {
    const { page, context } = await openPage(h);
    await page.evaluate(() => {
      window.__fake.lexicalDelayMs = 300; // slow client
    });
    await page.keyboard.press('Control+k');
    const input = page.locator(sel.input);
    await input.fill('install');
    await page.waitForTimeout(120); // past the debounce: 'install' is in flight
    await input.fill('config');
    await page.waitForFunction(() => (window as any).__events.some((e: any) => e.type === 'quarry:search' && e.detail.query === 'config' && e.detail.stage === 'hybrid'));
    const events = await page.evaluate(() => (window as any).__events.filter((e: any) => e.type === 'quarry:search').map((e: any) => e.detail.query));
    expect(events.every((q: string) => q === 'config')).toBe(true);
    const calls = await page.evaluate(() => window.__fake.calls.map((c) => c.query));
    expect(calls).toEqual(['install', 'config']);
    await context.close();
  });

  it('debounces fast typing into few searches', async () => {
    const { page, context } = await openPage(h);
    await page.keyboard.press('Control+k');
    // Type in-page (keystrokes 15 ms apart) so CDP round-trips on a busy machine don't stretch the gaps.
    await page.evaluate(async () => {
      const input = document.querySelector('quarry-search')!.shadowRoot!.querySelector('input')!;
      for (const ch of 'configuration') {
        input.value += ch;
        input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: ch, inputType: 'insertText' }));
        await new Promise((r) => setTimeout(r, 15));
      }
    });
    await page.waitForFunction(() => (window as any).__events.some((e: any) => e.type === 'quarry:search' && e.detail.query === 'configuration' && e.detail.stage === 'hybrid'));
    const calls = await page.evaluate(() => window.__fake.calls.length);
    expect(calls).toBe(1);
    await context.close();
  });

  it('clearing the query empties the list and collapses the combobox', async () => {
    const { page, context } = await openPage(h);
    await searchFor(page, 'install');
    await page.locator('quarry-search .clear').click();
    expect(await page.locator(sel.option).count()).toBe(0);
    expect(await page.locator(sel.input).getAttribute('aria-expanded')).toBe('false');
    expect(await page.locator(sel.input).inputValue()).toBe('');
    await context.close();
  });
});
