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

const card = 'quarry-search [role="option"].answer';
const fragmentUrl = () => `${h.url}/guide/install.html#requirements:~:text=Quarry%20needs%20Node%2020%20or%20newer`;

async function waitAnswerCalls(page: Page, n: number): Promise<void> {
  await page.waitForFunction((k) => window.__fake.answerCalls.length >= k, n);
}

describe('the answer card', () => {
  it('asks for the top 3 passages after the final response, shows the sentence first and selects it', async () => {
    const { page, context, events } = await openPage(h);
    await page.evaluate(() => ((window as any).__preventSelect = true));
    await searchFor(page, 'how do I install?');
    await page.locator(card).waitFor();
    // Once, for the final (hybrid) response only, with its first three passage ids in rank order.
    expect(await page.evaluate(() => window.__fake.answerCalls)).toEqual([{ query: 'how do I install?', passages: [0, 1, 10] }]);
    const first = page.locator(sel.option).first();
    expect(await first.getAttribute('class')).toContain('answer');
    expect(await first.evaluate((o) => o.parentElement?.getAttribute('aria-label'))).toBe('Answer');
    expect(await page.locator(`${card} .answer-label`).textContent()).toBe('Answer');
    expect(await page.locator(`${card} .answer-text`).textContent()).toBe('Quarry needs Node 20 or newer to build the search index.');
    expect(await page.locator(`${card} .answer-source`).textContent()).toBe('Installation › Requirements');
    expect(await first.evaluate((a) => (a as HTMLAnchorElement).href)).toBe(fragmentUrl());
    expect(await page.locator(sel.input).getAttribute('aria-activedescendant')).toBe(await first.getAttribute('id'));
    expect(await page.locator(sel.option).count()).toBe(6); // the card + the 5 results
    await page.keyboard.press('Enter');
    const select = (await events()).filter((e) => e.type === 'quarry:select');
    expect(select.map((e) => e.detail)).toEqual([{ url: fragmentUrl(), query: 'how do I install?', rank: 1, source: 'answer' }]);
    // quarry:search counts results, not the card.
    expect((await events()).filter((e) => e.type === 'quarry:search').at(-1)?.detail.count).toBe(5);
    await context.close();
  });

  for (const how of ['Enter', 'click'] as const) {
    it(`${how} on the card navigates with the text fragment, and the browser scrolls to the sentence`, async () => {
      const { page, context } = await openPage(h);
      await searchFor(page, 'how do I install?');
      await page.locator(card).waitFor();
      await Promise.all([page.waitForURL('**/guide/install.html**'), how === 'Enter' ? page.keyboard.press('Enter') : page.locator(card).click()]);
      // The sentence is 80 paragraphs below #requirements: in view only if the text directive was honoured.
      await page.waitForFunction(() => {
        const r = document.getElementById('answer-sentence')!.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight;
      });
      const heading = await page.evaluate(() => document.getElementById('requirements')!.getBoundingClientRect().bottom);
      expect(heading).toBeLessThan(0);
      await context.close();
    });
  }

  it('does not steal a selection the visitor already moved', async () => {
    const { page, context } = await openPage(h);
    await page.evaluate(() => (window.__fake.answerDelayMs = 500));
    await searchFor(page, 'how to install');
    await page.keyboard.press('ArrowDown');
    const before = await page.locator(sel.selected).locator('.option-title').textContent();
    expect(before).toBe('Install with npm');
    await page.locator(card).waitFor();
    expect(await page.locator(sel.selected).locator('.option-title').textContent()).toBe(before);
    expect(await page.locator(sel.selected).count()).toBe(1);
    // The card is still reachable: it is the first option.
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    expect(await page.locator(sel.selected).getAttribute('class')).toContain('answer');
    await context.close();
  });

  it('is dropped when the query changed before it arrived, and not asked for keyword-only or null answers', async () => {
    const { page, context } = await openPage(h);
    await page.evaluate(() => (window.__fake.answerDelayMs = 400));
    await searchFor(page, 'how to install');
    await searchFor(page, 'install');
    await waitAnswerCalls(page, 2);
    await page.waitForTimeout(600);
    expect(await page.locator(card).count()).toBe(0);
    expect(await page.locator(sel.option).count()).toBe(5);
    // A keyword-only final response (mode=lexical) gets no card and no call.
    await page.evaluate(() => {
      const el = document.querySelector('quarry-search')!;
      el.remove();
      el.setAttribute('mode', 'lexical');
      document.querySelector('header')!.append(el);
    });
    const calls = await page.evaluate(() => window.__fake.answerCalls.length);
    await page.keyboard.press('Control+k');
    await page.locator(sel.input).fill('how to configure?');
    await page.waitForFunction(() => (window as any).__events.some((e: any) => e.type === 'quarry:search' && e.detail.query === 'how to configure?'));
    await page.waitForTimeout(500);
    expect(await page.evaluate(() => window.__fake.answerCalls.length)).toBe(calls);
    expect(await page.locator(card).count()).toBe(0);
    await context.close();
  });

  it('renders the sentence and breadcrumb as text, never as HTML', async () => {
    const { page, context, problems } = await openPage(h);
    await searchFor(page, 'how xss?');
    await page.locator(card).waitFor();
    expect(await page.locator(`${card} .answer-text`).textContent()).toBe('Answer <img src=x onerror=alert(1)>');
    expect(await page.locator(`${card} .answer-source`).textContent()).toBe('Guide › Crumb <img src=x onerror=alert(1)>');
    expect(await page.locator('quarry-search [role="listbox"] img').count()).toBe(0);
    expect(problems.dialogs).toEqual([]);
    await context.close();
  });
});
