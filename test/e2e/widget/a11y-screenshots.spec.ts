import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AxeBuilder } from '@axe-core/playwright';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { openPage, searchFor, sel, startHarness, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const shots = join(import.meta.dirname, '../../../docs/screenshots');
const answerCard = 'quarry-search [role="option"].answer';
const recentOption = 'quarry-search [role="option"].recent';

async function seriousViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' > ') + ' ' + n.failureSummary).join(' | ')}`);
}

/** Chooses a second result, so the recent searches list has more than one entry. */
async function pickAnother(page: Page): Promise<void> {
  await searchFor(page, 'theme configuration');
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

/** Opens the dialog with results and a few states visible, like a real first search. */
async function showResults(page: Page, query: string): Promise<void> {
  await searchFor(page, query);
  await page.keyboard.press('ArrowDown');
  await page.waitForTimeout(500); // live region announcement settles
}

describe('accessibility and screenshots', () => {
  for (const scheme of ['light', 'dark'] as const) {
    it(`axe: no serious/critical violations with the dialog open (${scheme})`, async () => {
      const { page, context, cspViolations } = await openPage(h, { colorScheme: scheme });
      expect(await seriousViolations(page)).toEqual([]); // closed: trigger only
      await showResults(page, 'search index');
      expect(await seriousViolations(page)).toEqual([]);
      await mkdir(shots, { recursive: true });
      await page.screenshot({ path: join(shots, `${scheme}.png`) });
      // Empty + notice states too.
      await page.locator(sel.input).fill('offline');
      await page.locator(sel.notice).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await page.locator(sel.input).fill('zzz');
      await page.locator(sel.state).waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      expect(await cspViolations()).toEqual([]);
      await context.close();
    });

    it(`axe: the answer card, "no good match" and recent searches are clean too (${scheme})`, async () => {
      const { page, context, cspViolations } = await openPage(h, { colorScheme: scheme });
      await page.evaluate(() => ((window as any).__preventSelect = true));
      const shot = async (name: string) => {
        if (scheme === 'light') await page.screenshot({ path: join(shots, `${name}.png`) });
      };
      await searchFor(page, 'how do I install?');
      await page.locator(answerCard).waitFor();
      await page.waitForTimeout(500);
      expect(await seriousViolations(page)).toEqual([]);
      await shot('answer-card');
      await page.keyboard.press('ArrowDown'); // the card unselected, a result selected
      expect(await seriousViolations(page)).toEqual([]);
      await page.keyboard.press('Enter'); // remembered as a recent search
      await searchFor(page, 'instal xyzzy');
      await page.waitForTimeout(500);
      expect(await seriousViolations(page)).toEqual([]);
      await shot('empty-state');
      await page.keyboard.press('ArrowDown');
      expect(await seriousViolations(page)).toEqual([]);
      await pickAnother(page);
      await page.locator(sel.input).fill('');
      await page.locator(recentOption).first().waitFor();
      expect(await seriousViolations(page)).toEqual([]);
      await shot('recent-searches');
      expect(await cspViolations()).toEqual([]);
      await context.close();
    });
  }

  it('forced theme="dark" on a light page matches the dark palette', async () => {
    const { page, context } = await openPage(h, { colorScheme: 'light', search: '?theme=dark' });
    await showResults(page, 'install');
    const bg = await page.locator(sel.dialog).evaluate((d) => getComputedStyle(d).backgroundColor);
    expect(bg).toBe('rgb(26, 27, 33)');
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it('theme="light" wins over a dark OS preference', async () => {
    const { page, context } = await openPage(h, { colorScheme: 'dark', search: '?theme=light' });
    await page.keyboard.press('Control+k');
    const bg = await page.locator(sel.dialog).evaluate((d) => getComputedStyle(d).backgroundColor);
    expect(bg).toBe('rgb(245, 246, 248)');
    await context.close();
  });

  it('mobile (390 px): full-screen dialog, Cancel button, no serious axe violations', async () => {
    const { page, context } = await openPage(h, { viewport: { width: 390, height: 844 } });
    await showResults(page, 'how do I install it?');
    await page.locator(answerCard).waitFor();
    const box = await page.locator(sel.dialog).boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 390, height: 844 });
    expect(await page.locator('quarry-search .cancel-text').isVisible()).toBe(true);
    expect(await page.locator('quarry-search .footer').isVisible()).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(shots, 'mobile.png') });
    await context.close();
  });

  it('trigger screenshot (closed state)', async () => {
    const { page, context } = await openPage(h);
    await page.locator(sel.trigger).hover();
    await page.screenshot({ path: join(shots, 'trigger.png'), clip: { x: 0, y: 0, width: 1100, height: 80 } });
    await context.close();
  });
});
