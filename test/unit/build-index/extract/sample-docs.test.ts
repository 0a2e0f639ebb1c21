import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { crawlSite } from '../../../../build-index/crawl.ts';
import { BUILD_DEFAULTS } from '../../../../build-index/config.ts';
import { extractPage } from '../../../../build-index/extract/extract.ts';
import { chunkPage } from '../../../../build-index/chunk/chunk.ts';
import { allText, pageOf } from './helpers.ts';

const SITE = fileURLToPath(new URL('../../../../public/sample-docs/', import.meta.url));
const QUERIES = fileURLToPath(new URL('../../../fixtures/sample-queries.jsonl', import.meta.url));

describe('public/sample-docs', () => {
  it('every page extracts with a title, anchors and no shared chrome', async () => {
    const urls: string[] = [];
    for await (const item of crawlSite(SITE, { include: BUILD_DEFAULTS.include, exclude: BUILD_DEFAULTS.exclude, maxFileBytes: BUILD_DEFAULTS.maxFileBytes })) {
      expect(item.kind).toBe('file');
      if (item.kind !== 'file') continue;
      urls.push(item.relPath);
      const r = extractPage(item.relPath, item.bytes, { selector: null });
      expect(r.warnings).toEqual([]);
      const page = pageOf(r);
      expect(page.title).not.toContain('— Tern documentation');
      expect(page.sections.every((s) => s.level === 0 || s.anchor)).toBe(true);
      const text = allText(page);
      expect(text).not.toMatch(/Documentation licensed|Troubleshooting and FAQ\nAPI/);
      expect(chunkPage(page, BUILD_DEFAULTS).length).toBeGreaterThan(0);
    }
    expect(urls.length).toBeGreaterThanOrEqual(12);
    expect(urls).toContain('index.html');
    // Every labelled query points at a real page.
    for (const line of readFileSync(QUERIES, 'utf8').trim().split('\n')) {
      for (const url of JSON.parse(line).relevant) expect(urls).toContain(url);
    }
  });

  it('the XSS sample is kept as literal text', () => {
    const page = pageOf(extractPage('api/examples.html', readFileSync(SITE + 'api/examples.html'), { selector: null }));
    const text = allText(page);
    expect(text).toContain("['<img src=x onerror=alert(1)>']");
    expect(text).toContain("['<script>alert(1)</script>']");
  });
});
