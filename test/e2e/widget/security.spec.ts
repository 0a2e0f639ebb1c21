import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { openPage, searchFor, sel, startHarness, STRICT_CSP, type Harness } from './support.ts';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const XSS = '<img src=x onerror=alert(1)>';

describe('security', () => {
  it('HTML in titles, breadcrumbs and snippets renders as text; no alert, no injected element', async () => {
    const { page, context, problems, cspViolations } = await openPage(h);
    await searchFor(page, 'xss');
    await page.waitForTimeout(300); // give an injected onerror a chance to fire
    const shown = await page.evaluate(() => {
      const root = document.querySelector('quarry-search')!.shadowRoot!;
      const group = root.querySelector('[role="group"]')!;
      return {
        label: root.getElementById(group.getAttribute('aria-labelledby')!)!.textContent,
        crumb: root.querySelector('.option-title')!.textContent,
        excerpt: root.querySelector('.option-excerpt')!.textContent,
        mark: root.querySelector('.option-excerpt mark')!.textContent,
        imgs: root.querySelectorAll('img').length + document.querySelectorAll('img').length,
        bolds: root.querySelectorAll('.option-excerpt b').length,
      };
    });
    expect(shown.label).toBe(`Title ${XSS}`);
    expect(shown.crumb).toBe(`Crumb ${XSS}`);
    expect(shown.excerpt).toBe(`before ${XSS} <b>xss</b>${XSS}`);
    expect(shown.mark).toBe(`<b>xss</b>${XSS}`);
    expect(shown.imgs).toBe(0);
    expect(shown.bolds).toBe(0);
    expect(problems.dialogs).toEqual([]);
    expect(problems.pageErrors).toEqual([]);
    expect(await cspViolations()).toEqual([]);
    await context.close();
  });

  it('no CSP violations under the strict policy (constructable stylesheet, CSSOM progress bar)', async () => {
    const { page, context, problems, cspViolations } = await openPage(h);
    // The header really is the strict one (no 'unsafe-inline' for styles).
    const resp = await page.request.get(`${h.url}/`);
    expect(resp.headers()['content-security-policy']).toBe(STRICT_CSP);
    await searchFor(page, 'install');
    await page.evaluate(() => window.__fake.progress({ phase: 'model', loaded: 5_000_000, total: 23_000_000, message: '' }));
    await page.locator(sel.progress).waitFor();
    // Styles applied: the selected option uses the accent background.
    const bg = await page.locator(sel.selected).evaluate((o) => getComputedStyle(o).backgroundColor);
    expect(bg).toBe('rgb(79, 70, 229)');
    const fill = await page.locator('quarry-search .progress-fill').evaluate((f) => getComputedStyle(f).transform);
    expect(fill).not.toBe('none');
    // Site CSS does not leak in: the site paints <mark> red and buttons hotpink.
    const markBg = await page.locator('quarry-search mark').first().evaluate((m) => getComputedStyle(m).backgroundColor);
    expect(markBg).not.toBe('rgb(255, 0, 0)');
    const btnBg = await page.locator(sel.trigger).evaluate((b) => getComputedStyle(b).backgroundColor);
    expect(btnBg).not.toBe('rgb(255, 105, 180)');
    expect(await cspViolations()).toEqual([]);
    expect(problems.consoleErrors).toEqual([]);
    await context.close();
  });

  it('the violation listener works: an inline style attribute is reported under this CSP', async () => {
    const { page, context, cspViolations } = await openPage(h);
    await page.evaluate(() => document.body.setAttribute('style', 'color: red'));
    await page.waitForFunction(() => (window as any).__csp.length > 0);
    expect((await cspViolations())[0]).toMatch(/^style-src/);
    await context.close();
  });

  it('the UI source never parses HTML strings', async () => {
    const dir = join(import.meta.dirname, '../../../src/ui');
    const files = [...readdirSync(dir).map((f) => join(dir, f)), join(dir, '../widget.ts')];
    for (const f of files) {
      const src = await readFile(f, 'utf8');
      // Allow mentions in comments only.
      const code = src.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\/\/.*$/gm, '');
      expect(code, f).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser|createContextualFragment|setAttribute\(\s*['"]style/);
    }
  });
});
