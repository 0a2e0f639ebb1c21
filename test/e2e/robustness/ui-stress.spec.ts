/**
 * The widget under a typing storm and many open/close cycles (fake client:
 * pure UI behaviour). What must hold: the last thing rendered answers the
 * last thing typed, and after 150 cycles the dialog, focus and listeners
 * are exactly as after one.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeInside, openPage, sel, startHarness, type Harness } from '../widget/support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

type Ev = { type: string; detail: { query: string; stage: string; count: number } };

describe('the widget under stress', () => {
  it('a typing storm with out-of-order answers renders the answer to the final query', async () => {
    const { page, context, problems } = await openPage(h);
    await page.keyboard.press('Control+k');
    const FINAL = 'npm install';
    await page.evaluate(async (final) => {
      const input = document.querySelector('quarry-search')!.shadowRoot!.querySelector('input')!;
      const words = ['search', 'index', 'theme', 'config', 'browser', 'stages', 'options', 'dialog'];
      // A fixed pseudo-random sequence: reproducible storms.
      let seed = 7;
      const rand = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
      const typeText = async (text: string) => {
        input.value = '';
        for (const ch of text) {
          // Each search the debounce lets through gets its own speed, so answers overtake each other.
          window.__fake.lexicalDelayMs = rand(150);
          window.__fake.denseDelayMs = rand(250);
          input.value += ch;
          input.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true, data: ch, inputType: 'insertText' }));
          await new Promise((r) => setTimeout(r, rand(4) === 0 ? 90 : rand(30)));
        }
      };
      for (let i = 0; i < 25; i++) await typeText(`${words[rand(words.length)]} ${words[rand(words.length)]}`);
      await typeText(final);
    }, FINAL);
    await page.waitForFunction((q) => (window as any).__events.some((e: any) => e.type === 'quarry:search' && e.detail.query === q && e.detail.stage === 'hybrid'), FINAL);
    // Let every straggler of the storm arrive (the slowest fake answer takes 400 ms).
    await page.waitForFunction(() => window.__fake.calls.length > 0);
    await page.waitForTimeout(600);
    const events = ((await page.evaluate(() => (window as any).__events)) as Ev[]).filter((e) => e.type === 'quarry:search');
    expect(events.length).toBeGreaterThan(2);
    expect(events.at(-1)!.detail).toMatchObject({ query: FINAL, stage: 'hybrid' });
    const marks = await page.locator('quarry-search .option-excerpt mark').allInnerTexts();
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(['npm', 'install']).toContain(m.toLowerCase().trim().replace(/[^\w]/g, ''));
    expect(await page.locator(sel.input).inputValue()).toBe(FINAL);
    expect(await page.locator(sel.status).textContent()).toContain(`“${FINAL}”`);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });

  it('150 open/close cycles (keys, API, backdrop, moving the element) leave one dialog, restored focus and single listeners', async () => {
    const { page, context, problems } = await openPage(h);
    const isOpen = () => page.locator(sel.dialog).evaluate((d: HTMLDialogElement) => d.open);
    await page.locator('#other').focus();
    for (let i = 0; i < 150; i++) {
      switch (i % 5) {
        case 0:
          await page.keyboard.press('Control+k');
          await page.keyboard.press('Escape');
          break;
        case 1:
          await page.keyboard.press('Control+k');
          await page.keyboard.press('Control+k');
          break;
        case 2:
          await page.evaluate(() => {
            const el = document.querySelector('quarry-search') as any;
            el.open();
            el.close();
          });
          break;
        case 3:
          await page.keyboard.press('/');
          await page.mouse.click(20, 700);
          break;
        case 4:
          // Moving the element disconnects and reconnects it: listeners must not pile up.
          await page.evaluate(() => {
            const el = document.querySelector('quarry-search')!;
            const parent = el.parentElement!;
            parent.append(el);
          });
          break;
      }
      await page.locator('#other').focus();
    }
    expect(await isOpen()).toBe(false);
    expect(await page.evaluate(() => document.querySelectorAll('quarry-search').length)).toBe(1);
    expect(await page.evaluate(() => document.querySelector('quarry-search')!.shadowRoot!.querySelectorAll('dialog').length)).toBe(1);
    // Focus comes back to where it was.
    await page.keyboard.press('Control+k');
    expect(await isOpen()).toBe(true); // one keydown listener: a second would close it again
    expect(await activeInside(page)).toBe('combobox');
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('other');
    // One more query: one search call, one answer per stage, results rendered once.
    await page.keyboard.press('Control+k');
    const callsBefore = await page.evaluate(() => window.__fake.calls.length);
    await page.locator(sel.input).fill('install');
    await page.waitForFunction(() => (window as any).__events.some((e: any) => e.type === 'quarry:search' && e.detail.query === 'install' && e.detail.stage === 'hybrid'));
    await page.waitForTimeout(300);
    expect(await page.evaluate(() => window.__fake.calls.length)).toBe(callsBefore + 1);
    const stages = ((await page.evaluate(() => (window as any).__events)) as Ev[]).filter((e) => e.type === 'quarry:search' && e.detail.query === 'install').map((e) => e.detail.stage);
    expect(stages).toEqual(['lexical', 'hybrid']);
    expect(await page.locator(sel.option).count()).toBe(5);
    expect(await page.locator(sel.group).count()).toBe(3);
    expect(problems.pageErrors).toEqual([]);
    await context.close();
  });
});
