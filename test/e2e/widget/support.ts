/**
 * Shared setup for the widget e2e specs: bundles the harness with esbuild,
 * serves it under the strict CSP with serveStatic and opens pages in Debian
 * Chromium, recording dialogs, page errors, console errors and CSP violations.
 */
import { build } from 'esbuild';
import { mkdtemp, mkdir, copyFile, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium } from '../support/browser.ts';
import { serveStatic, type RunningServer } from '../../../src/cli/serve/server.ts';
import { STRICT_CSP } from '../../../src/cli/serve/csp.ts';

export { STRICT_CSP };

const here = dirname(fileURLToPath(import.meta.url));

export interface Harness {
  url: string;
  browser: Browser;
  dir: string;
  close(): Promise<void>;
}

const TARGET_PAGES = ['guide/install.html', 'guide/config.html', 'api/search.html', 'guide/xss.html'];
const filler = (n: number) => '<p>Filler text that is not the answer.</p>'.repeat(n);
/**
 * The answer card's sentence (FAKE_ANSWER) sits far below its section's
 * anchor: the page only scrolls to it when the browser honours the link's
 * text fragment.
 */
const TARGET_BODY: Record<string, string> = {
  'guide/install.html': `<h2 id="requirements">Requirements</h2>${filler(80)}<p id="answer-sentence">Quarry needs Node 20 or newer to build the search index.</p>${filler(80)}`,
};

export async function startHarness(): Promise<Harness> {
  const dir = await mkdtemp(join(tmpdir(), 'quarry-widget-'));
  await build({
    entryPoints: [join(here, 'harness/harness.ts')],
    outfile: join(dir, 'harness.js'),
    bundle: true,
    format: 'esm',
    target: 'es2022',
    sourcemap: 'inline',
    logLevel: 'error',
  });
  await copyFile(join(here, 'harness/index.html'), join(dir, 'index.html'));
  await copyFile(join(here, 'harness/site.css'), join(dir, 'site.css'));
  for (const p of TARGET_PAGES) {
    await mkdir(dirname(join(dir, p)), { recursive: true });
    await writeFile(join(dir, p), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${p}</title></head><body><h1 id="top">${p}</h1>${TARGET_BODY[p] ?? ''}</body></html>`);
  }
  const server: RunningServer = await serveStatic({ root: dir, csp: STRICT_CSP });
  const browser = await launchChromium();
  return {
    url: server.url,
    browser,
    dir,
    async close() {
      await browser.close().catch(() => {});
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

export interface Problems {
  dialogs: string[];
  pageErrors: string[];
  consoleErrors: string[];
  warnings: string[];
}

export interface Opened {
  page: Page;
  context: BrowserContext;
  problems: Problems;
  /** CSP violations seen by the page's securitypolicyviolation listener. */
  cspViolations(): Promise<string[]>;
  events(): Promise<{ type: string; detail: any }[]>;
}

export async function openPage(
  h: Harness,
  opts: { colorScheme?: 'light' | 'dark'; viewport?: { width: number; height: number }; search?: string; path?: string } = {},
): Promise<Opened> {
  const context = await h.browser.newContext({
    colorScheme: opts.colorScheme ?? 'light',
    viewport: opts.viewport ?? { width: 1100, height: 760 },
    reducedMotion: 'reduce',
    deviceScaleFactor: 1,
  });
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`));
  });
  const page = await context.newPage();
  const problems: Problems = { dialogs: [], pageErrors: [], consoleErrors: [], warnings: [] };
  page.on('dialog', (d) => {
    problems.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  page.on('pageerror', (e) => problems.pageErrors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') problems.consoleErrors.push(m.text());
    if (m.type() === 'warning') problems.warnings.push(m.text());
  });
  await page.goto(`${h.url}${opts.path ?? '/'}${opts.search ?? ''}`);
  await page.waitForFunction(() => !!customElements.get('quarry-search'));
  return {
    page,
    context,
    problems,
    cspViolations: () => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp),
    events: () => page.evaluate(() => (window as unknown as { __events: { type: string; detail: any }[] }).__events),
  };
}

export const sel = {
  trigger: 'quarry-search .trigger',
  dialog: 'quarry-search dialog',
  input: 'quarry-search [role="combobox"]',
  listbox: 'quarry-search [role="listbox"]',
  option: 'quarry-search [role="option"]',
  selected: 'quarry-search [role="option"][aria-selected="true"]',
  group: 'quarry-search [role="group"]',
  badge: 'quarry-search .badge',
  notice: 'quarry-search .notice',
  state: 'quarry-search .state',
  status: 'quarry-search [role="status"]',
  progress: 'quarry-search .progress',
};

/** Opens the dialog, types a query and waits until the final response is shown. */
export async function searchFor(page: Page, query: string, waitFinal = true): Promise<void> {
  const input = page.locator(sel.input);
  if (!(await page.locator(sel.dialog).evaluate((d: HTMLDialogElement) => d.open).catch(() => false))) {
    await page.keyboard.press('Control+k');
  }
  await input.fill(query);
  if (waitFinal) {
    await page.waitForFunction(
      (q) => (window as any).__events.some((e: any) => e.type === 'quarry:search' && e.detail.query === q && e.detail.stage !== 'lexical'),
      query,
    );
  }
}

/** The id of the shadow-DOM element that currently has focus ('' for none), and its tag. */
export async function activeInside(page: Page): Promise<string> {
  return page.evaluate(() => {
    let el: Element | null = document.activeElement;
    while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return '';
    return el.id || el.getAttribute('role') || el.getAttribute('class') || el.tagName.toLowerCase();
  });
}
