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

/** Where the selected option sits against its group's sticky label and the listbox viewport. */
function placement(page: Page) {
  return page.locator(sel.selected).evaluate((o) => {
    const list = o.closest('[role="listbox"]')!.getBoundingClientRect();
    const label = o.closest('[role="group"]')!.querySelector('.group-label')!.getBoundingClientRect();
    const r = o.getBoundingClientRect();
    return {
      underLabel: r.top < label.bottom - 0.5 && r.bottom > label.top + 0.5,
      inside: r.top >= list.top - 0.5 && r.bottom <= list.bottom + 0.5,
      id: o.id,
    };
  });
}

describe('the sticky page label', () => {
  for (const viewport of [
    { width: 900, height: 480 },
    { width: 390, height: 640 },
  ]) {
    it(`never covers the selected option while moving with ↓ and ↑ (${viewport.width}×${viewport.height})`, async () => {
      const { page, context } = await openPage(h, { viewport });
      await searchFor(page, 'many');
      const n = await page.locator(sel.option).count();
      expect(n).toBe(24);
      const seen = new Set<string>();
      for (let i = 0; i < n - 1; i++) {
        await page.keyboard.press('ArrowDown');
        const p = await placement(page);
        seen.add(p.id);
        expect(p, `after ${i + 1} × ↓`).toMatchObject({ underLabel: false, inside: true });
      }
      for (let i = 0; i < n - 1; i++) {
        await page.keyboard.press('ArrowUp');
        const p = await placement(page);
        expect(p, `after ${i + 1} × ↑`).toMatchObject({ underLabel: false, inside: true });
      }
      expect(seen.size).toBe(n - 1);
      await context.close();
    });
  }
});
