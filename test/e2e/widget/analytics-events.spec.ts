import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { openPage, searchFor, startHarness, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const ofType = async (events: () => Promise<{ type: string; detail: any }[]>, type: string) => (await events()).filter((e) => e.type === type).map((e) => e.detail);

/** Searches and leaves the results on screen past the settle time (1 s). */
async function settle(page: Page, query: string): Promise<void> {
  await searchFor(page, query);
  await page.waitForTimeout(1300);
}

describe('analytics hooks', () => {
  it('quarry:no-results fires once per final response with nothing to show', async () => {
    const { page, context, events } = await openPage(h, { search: '?hold=1' });
    await searchFor(page, 'zzz', false);
    await page.waitForFunction(() => (window as any).__events.some((e: any) => e.type === 'quarry:search' && e.detail.query === 'zzz'));
    expect(await ofType(events, 'quarry:no-results')).toEqual([]); // the keyword stage is not the last word
    await page.evaluate(() => window.__fake.release());
    await page.waitForFunction(() => (window as any).__events.some((e: any) => e.type === 'quarry:no-results'));
    await searchFor(page, 'install');
    await searchFor(page, 'xyzzy frobnicate'); // "no good match", with suggestions
    expect(await ofType(events, 'quarry:no-results')).toEqual([{ query: 'zzz' }, { query: 'xyzzy frobnicate' }]);
    await context.close();
  });

  it('quarry:reformulate: a settled query followed by another one, with nothing chosen in between', async () => {
    const { page, context, events } = await openPage(h);
    await settle(page, 'install');
    await settle(page, 'setup guide');
    const [r] = await ofType(events, 'quarry:reformulate');
    expect(r).toMatchObject({ previous: 'install', query: 'setup guide' });
    expect(r.elapsedMs).toBeGreaterThanOrEqual(1000);
    expect(r.elapsedMs).toBeLessThan(10_000);
    expect(await ofType(events, 'quarry:reformulate')).toHaveLength(1);
    await context.close();
  });

  it('typing on before results settle is not a reformulation; choosing a result ends the chain', async () => {
    const { page, context, events } = await openPage(h);
    await page.evaluate(() => ((window as any).__preventSelect = true));
    await searchFor(page, 'ins'); // replaced within the settle time
    await settle(page, 'install');
    expect(await ofType(events, 'quarry:reformulate')).toEqual([]);
    await page.keyboard.press('Enter'); // chose a result
    await settle(page, 'config');
    expect(await ofType(events, 'quarry:reformulate')).toEqual([]);
    await settle(page, 'Config'); // the same query, another case
    expect(await ofType(events, 'quarry:reformulate')).toEqual([]);
    await settle(page, 'zzz'); // a reformulation that found nothing still counts
    expect(await ofType(events, 'quarry:reformulate')).toMatchObject([{ previous: 'Config', query: 'zzz' }]);
    await context.close();
  });
});
