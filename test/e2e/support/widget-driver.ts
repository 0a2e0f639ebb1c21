/** Drives the real <quarry-search> element (Playwright CSS locators pierce its open shadow root). */
import type { Page } from 'playwright-core';

export async function openDialog(page: Page): Promise<void> {
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('Control+k');
  await page.locator('quarry-search [role=dialog]').waitFor({ state: 'visible' });
}

/** Types a query and waits until the semantic (hybrid) results are in. */
export async function searchHybrid(page: Page, query: string): Promise<void> {
  const input = page.locator('quarry-search [role=combobox]');
  await input.fill(query);
  // watchedPage() records every quarry:search event from page start.
  await page.waitForFunction(
    (q) => (window as unknown as { __quarryEvents: Array<{ query: string; stage: string }> }).__quarryEvents.some((d) => d.query === q && d.stage === 'hybrid'),
    query,
    { timeout: 90_000, polling: 100 },
  );
  await page.locator('quarry-search [role=option]').first().waitFor();
}

export async function groupTitles(page: Page): Promise<string[]> {
  return page.locator('quarry-search [role=group] .group-label').allInnerTexts();
}
