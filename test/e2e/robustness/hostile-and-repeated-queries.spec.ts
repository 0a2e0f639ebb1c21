/**
 * The real worker (real model, WASM backend) under hostile queries, and the
 * real widget under many: no query shape raises an exception in any mode, a
 * blank query finds nothing (as in Node), and 400 queries leave the page's
 * heap flat after garbage collection.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundlePage } from '../support/bundle.ts';
import { serveBuiltSite, watchedPage, type ServedSite } from '../support/site-server.ts';
import { openDialog } from '../support/widget-driver.ts';
import { BAD_QUERIES } from '../../support/hostile-queries.ts';

const MODES = ['hybrid', 'lexical', 'dense'] as const;

type Outcome = { ok: true; final: boolean; count: number; stage: string } | { ok: false; error: string };

async function searchInWorker(page: Page, query: string, mode: (typeof MODES)[number]): Promise<Outcome> {
  return page.evaluate(
    async ([q, m]) => {
      try {
        const updates = await window.quarryTest.search(q, m);
        const last = updates.at(-1)!;
        return { ok: true as const, final: last.final, count: last.results.length, stage: last.stage };
      } catch (e) {
        return { ok: false as const, error: `${(e as { code?: string }).code}: ${(e as Error).message}` };
      }
    },
    [query, mode] as const,
  );
}

describe('hostile and repeated queries in the browser', () => {
  let site: ServedSite;
  let harness: string;
  beforeAll(async () => {
    site = await serveBuiltSite({}, async (dir) => {
      harness = await bundlePage(new URL('../support/worker-harness.ts', import.meta.url).pathname, dir, 'harness');
    });
  });
  afterAll(() => site?.close());

  it('the worker answers every hostile query in every mode without an exception, and a blank one with nothing', async () => {
    const w = await watchedPage(site);
    await w.page.goto(`${site.server.url}${harness}`);
    for (const [name, q] of Object.entries(BAD_QUERIES)) {
      for (const mode of MODES) {
        const outcome = await searchInWorker(w.page, q, mode);
        expect(outcome, `${name} (${mode})`).toMatchObject({ ok: true, final: true });
      }
    }
    for (const q of ['', '   ', '\t\n']) {
      for (const mode of MODES) {
        expect(await searchInWorker(w.page, q, mode), `${JSON.stringify(q)} (${mode})`).toEqual({ ok: true, final: true, count: 0, stage: mode });
      }
    }
    expect(w.errors).toEqual([]);
    await w.context.close();
  });

  it('400 queries through the widget leave the heap flat (after GC)', async () => {
    const w = await watchedPage(site);
    await w.page.goto(`${site.server.url}/index.html`);
    await openDialog(w.page);
    const cdp = await w.context.newCDPSession(w.page);
    const words = ['cache', 'replication', 'backup', 'wal_buffer_size', 'E1042', 'install', 'security', 'timeout', 'connection pooling', 'upgrade'];
    const run = (from: number, to: number) =>
      w.page.evaluate(
        async ([a, b, list]) => {
          const el = document.querySelector('quarry-search') as HTMLElement & { search(q: string): void };
          const events = (window as unknown as { __quarryEvents: Array<{ query: string; stage: string }> }).__quarryEvents;
          for (let i = a; i < b; i++) {
            const q = `${list[i % list.length]} ${i}`;
            const answered = new Promise<void>((resolve) => {
              const done = (e: Event) => {
                const d = (e as CustomEvent).detail as { query: string; stage: string };
                if (d.query === q && d.stage !== 'lexical') {
                  document.removeEventListener('quarry:search', done);
                  resolve();
                }
              };
              document.addEventListener('quarry:search', done);
            });
            el.search(q);
            await answered;
          }
          // The test page's own event log is not the widget's memory.
          events.length = 0;
        },
        [from, to, words] as const,
      );
    const heap = async () => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    await run(0, 50); // model loaded, code paths warm, caches filled
    const before = await heap();
    await run(50, 450);
    const after = await heap();
    // Bytes, not time: a response or listener kept per query would add ≥ 2 kB each (800 kB for 400).
    expect(after - before).toBeLessThan(800_000);
    expect(w.errors).toEqual([]);
    await w.context.close();
  });
});
