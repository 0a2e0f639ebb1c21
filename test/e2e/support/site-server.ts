/**
 * A built copy of the sample docs site, served under Quarry's strict CSP,
 * with every request recorded and every request to another host counted.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { serveStatic, type RunningServer } from '../../../src/cli/serve/server.ts';
import { STRICT_CSP } from '../../../src/cli/serve/csp.ts';
import { buildSiteCopy, type BuiltSite } from '../../support/sample-site.ts';
import { launchChromium } from './browser.ts';

export interface ServedSite {
  built: BuiltSite;
  server: RunningServer;
  browser: Browser;
  /** Paths the server answered, in order. */
  requests: string[];
  close(): Promise<void>;
}

export async function serveBuiltSite(flags: Record<string, unknown> = {}, prepare?: (site: string) => Promise<void>): Promise<ServedSite> {
  const built = await buildSiteCopy(undefined, flags);
  if (prepare) await prepare(built.site);
  const requests: string[] = [];
  const server = await serveStatic({ root: built.site, csp: STRICT_CSP, onRequest: (p) => requests.push(p) });
  const browser = await launchChromium();
  return {
    built,
    server,
    browser,
    requests,
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
      await built.cleanup();
    },
  };
}

export interface WatchedPage {
  page: Page;
  context: BrowserContext;
  external: string[];
  dialogs: string[];
  errors: string[];
}

/** A fresh context + page that records requests to other hosts, JS dialogs, page errors and CSP violations. */
export async function watchedPage(site: ServedSite, options: Parameters<Browser['newContext']>[0] = {}): Promise<WatchedPage> {
  const context = await site.browser.newContext(options);
  const external: string[] = [];
  const dialogs: string[] = [];
  const errors: string[] = [];
  context.on('request', (r) => {
    const url = r.url();
    if (!url.startsWith(site.server.url) && !url.startsWith('blob:') && !url.startsWith('data:')) external.push(url);
  });
  const page = await context.newPage();
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    // Failed loads are checked by URL below (browsers ask for /favicon.ico on their own).
    if (m.type() === 'error' && !m.text().startsWith('Failed to load resource')) errors.push(m.text());
  });
  context.on('response', (r) => {
    if (r.status() >= 400 && !r.url().endsWith('/favicon.ico')) errors.push(`${r.status()} ${r.url()}`);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`));
    const events: unknown[] = [];
    (window as unknown as { __quarryEvents: unknown[] }).__quarryEvents = events;
    document.addEventListener('quarry:search', (e) => events.push((e as CustomEvent).detail));
  });
  return { page, context, external, dialogs, errors };
}
