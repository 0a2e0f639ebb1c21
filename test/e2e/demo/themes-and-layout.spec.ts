/**
 * Light and dark themes and the full-screen narrow layout, with real results
 * from the real model. Screenshots land in test-results/screenshots/ (the
 * ones in docs/screenshots/ are copies of these).
 */
import { mkdir } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveBuiltSite, watchedPage, type ServedSite } from '../support/site-server.ts';
import { openDialog, searchHybrid } from '../support/widget-driver.ts';

const OUT = 'test-results/screenshots';

/** Relative luminance of an rgb()/rgba() colour (0 = black, 1 = white). */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? ['0', '0', '0']).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('themes and layout', () => {
  let site: ServedSite;
  beforeAll(async () => {
    site = await serveBuiltSite();
    await mkdir(OUT, { recursive: true });
  });
  afterAll(() => site?.close());

  const cases = [
    { name: 'light', colorScheme: 'light' as const, viewport: { width: 1200, height: 800 }, dark: false },
    { name: 'dark', colorScheme: 'dark' as const, viewport: { width: 1200, height: 800 }, dark: true },
    { name: 'mobile', colorScheme: 'light' as const, viewport: { width: 390, height: 844 }, dark: false },
  ];

  for (const c of cases) {
    it(`${c.name}: follows prefers-color-scheme and fits the viewport`, async () => {
      const w = await watchedPage(site, { colorScheme: c.colorScheme, viewport: c.viewport, deviceScaleFactor: 1 });
      await w.page.goto(`${site.server.url}/index.html`);
      await openDialog(w.page);
      await searchHybrid(w.page, 'how do I keep a copy of the data on another machine');
      const dialog = w.page.locator('quarry-search [role=dialog]');
      const bg = await dialog.evaluate((el) => getComputedStyle(el).backgroundColor);
      if (c.dark) expect(luminance(bg)).toBeLessThan(0.1);
      else expect(luminance(bg)).toBeGreaterThan(0.8);
      const box = (await dialog.boundingBox())!;
      if (c.name === 'mobile') {
        // Full screen on narrow viewports.
        expect(box.width).toBeGreaterThanOrEqual(c.viewport.width - 1);
        expect(box.height).toBeGreaterThanOrEqual(c.viewport.height - 1);
      } else {
        expect(box.width).toBeLessThan(c.viewport.width);
      }
      await w.page.screenshot({ path: `${OUT}/${c.name}.png` });
      expect(w.errors).toEqual([]);
      await w.context.close();
    });
  }

  it('the theme attribute overrides the system preference', async () => {
    const w = await watchedPage(site, { colorScheme: 'light' });
    await w.page.goto(`${site.server.url}/index.html`);
    await w.page.evaluate(() => document.querySelector('quarry-search')!.setAttribute('theme', 'dark'));
    await openDialog(w.page);
    const bg = await w.page.locator('quarry-search [role=dialog]').evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(luminance(bg)).toBeLessThan(0.1);
    await w.context.close();
  });
});
