/**
 * The product as a visitor meets it: the sample docs site built by the real
 * CLI with the real model, the real widget and worker, Debian Chromium
 * (WASM backend, no GPU), served under Quarry's strict CSP.
 */
import AxeBuilder from '@axe-core/playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveBuiltSite, watchedPage, type ServedSite } from '../support/site-server.ts';
import { groupTitles, openDialog, searchHybrid } from '../support/widget-driver.ts';

describe('the widget on the sample docs site', () => {
  let site: ServedSite;
  beforeAll(async () => {
    // The full model's path (the static tier has its own spec: first-visit/semantic-first.spec.ts).
    site = await serveBuiltSite({ staticTier: false });
  });
  afterAll(() => site?.close());

  it('opens with Ctrl-K, finds a paraphrase semantically, and Enter goes to page#anchor', async () => {
    const w = await watchedPage(site);
    await w.page.goto(`${site.server.url}/index.html`);
    await openDialog(w.page);
    await searchHybrid(w.page, 'stop it from recalling earlier lookups');
    expect((await groupTitles(w.page))[0]).toBe('Result cache');
    // The first option is pre-selected; ↓ then ↑ comes back to it.
    const first = w.page.locator('quarry-search [role=option]').first();
    expect(await first.getAttribute('aria-selected')).toBe('true');
    await w.page.keyboard.press('ArrowDown');
    expect(await first.getAttribute('aria-selected')).toBe('false');
    await w.page.keyboard.press('ArrowUp');
    expect(await first.getAttribute('aria-selected')).toBe('true');
    await Promise.all([w.page.waitForURL(/\/caching\.html#[\w-]+$/), w.page.keyboard.press('Enter')]);
    expect(w.external).toEqual([]);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });

  it('ranks the page that defines an identifier first and links its section', async () => {
    const w = await watchedPage(site);
    await w.page.goto(`${site.server.url}/api/client.html`);
    await openDialog(w.page);
    await searchHybrid(w.page, 'wal_buffer_size');
    expect((await groupTitles(w.page))[0]).toBe('Configuration reference');
    await Promise.all([w.page.waitForURL(`${site.server.url}/configuration.html#wal_buffer_size`), w.page.keyboard.press('Enter')]);
    await w.context.close();
  });

  it('shows page content that looks like HTML as text, and no script runs', async () => {
    const w = await watchedPage(site);
    await w.page.goto(`${site.server.url}/index.html`);
    await openDialog(w.page);
    await searchHybrid(w.page, 'img src onerror alert');
    const text = await w.page.locator('quarry-search [role=listbox]').innerText();
    expect(text).toContain('<img src=x onerror=alert(1)>');
    // No element was created from index text.
    expect(await w.page.locator('quarry-search [role=listbox] img, quarry-search [role=listbox] script').count()).toBe(0);
    expect(w.dialogs).toEqual([]);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });

  it('has no serious accessibility violations in the open dialog, light and dark', async () => {
    for (const colorScheme of ['light', 'dark'] as const) {
      const w = await watchedPage(site, { colorScheme });
      await w.page.goto(`${site.server.url}/index.html`);
      await openDialog(w.page);
      await searchHybrid(w.page, 'encrypted connections');
      const result = await new AxeBuilder({ page: w.page }).include('quarry-search').analyze();
      const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
      expect(serious.map((v) => `${v.id}: ${v.help}`), colorScheme).toEqual([]);
      await w.context.close();
    }
  });
});
