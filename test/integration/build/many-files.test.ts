/**
 * Tens of thousands of files: crawl → extract → chunk streams through them
 * page by page (the build keeps only passages), in bounded memory.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chunkPage } from '../../../build-index/chunk/chunk.ts';
import { BUILD_DEFAULTS } from '../../../build-index/config.ts';
import { crawlSite } from '../../../build-index/crawl.ts';
import { extractPage } from '../../../build-index/extract/extract.ts';

const FOLDERS = 200;
const PER_FOLDER = 100;

describe('a site with 20,000 pages', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'quarry-many-'));
    for (let f = 0; f < FOLDERS; f++) {
      const dir = join(root, `section-${f}`);
      await mkdir(dir);
      await Promise.all(
        Array.from({ length: PER_FOLDER }, (_, p) =>
          writeFile(
            join(dir, `page-${p}.html`),
            `<!doctype html><html lang="en"><head><title>Page ${f}.${p}</title></head><body><nav>Home · Docs</nav><main><h1 id="top">Page ${f}.${p}</h1><p>Setting value_${f}_${p} controls part ${p} of subsystem ${f}.</p></main></body></html>`,
          ),
        ),
      );
    }
  }, 120_000);
  afterAll(() => rm(root, { recursive: true, force: true }));

  it('crawls, extracts and chunks every page without holding the site in memory', async () => {
    const before = process.memoryUsage().heapUsed;
    let pages = 0;
    let passages = 0;
    let warnings = 0;
    let peak = 0;
    for await (const item of crawlSite(root, { include: BUILD_DEFAULTS.include, exclude: BUILD_DEFAULTS.exclude, maxFileBytes: BUILD_DEFAULTS.maxFileBytes })) {
      if (item.kind === 'warning') {
        warnings++;
        continue;
      }
      const result = extractPage(item.relPath, item.bytes, { selector: null });
      if (result.kind !== 'page') continue;
      pages++;
      passages += chunkPage(result.page, BUILD_DEFAULTS).length;
      if (pages % 2000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - before);
    }
    expect(warnings).toBe(0);
    expect(pages).toBe(FOLDERS * PER_FOLDER);
    expect(passages).toBe(FOLDERS * PER_FOLDER);
    // Streaming: the heap grows by far less than the site would take as DOMs.
    expect(peak).toBeLessThan(150 * 1024 * 1024);
  });
});
