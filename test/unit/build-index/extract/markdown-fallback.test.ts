import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILD_OPTIONS } from '../../../../build-index/config.ts';
import { crawlHtmlOrMarkdown } from '../../../../build-index/extract/markdown-fallback.ts';

function siteWith(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'quarry-md-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  return dir;
}

async function crawled(dir: string, include = BUILD_OPTIONS.include.default) {
  const info: string[] = [];
  const paths: string[] = [];
  for await (const item of crawlHtmlOrMarkdown(dir, { include, exclude: [], maxFileBytes: 1e6 }, { info: (m) => info.push(m) })) {
    if (!('reason' in item)) paths.push(item.relPath);
  }
  return { paths, info };
}

describe('built HTML by default', () => {
  it('indexes a.html and not its Markdown source a.md', async () => {
    const { paths, info } = await crawled(siteWith({ 'a.html': '<h1>A</h1><p>Built page.</p>', 'a.md': '# A\n\nSource.' }));
    expect(paths).toEqual(['a.html']);
    expect(info).toEqual([]);
  });

  it('indexes Markdown on request', async () => {
    const { paths } = await crawled(siteWith({ 'a.html': '<p>x</p>', 'a.md': '# A' }), ['**/*.md']);
    expect(paths).toEqual(['a.md']);
  });

  it('indexes the Markdown of a site with no HTML, and says so once', async () => {
    const { paths, info } = await crawled(siteWith({ 'guide.md': '# Guide\n\nText.', 'intro.md': '# Intro\n\nText.' }));
    expect(paths).toEqual(['guide.md', 'intro.md']);
    expect(info).toHaveLength(1);
    expect(info[0]).toMatch(/No HTML files in .*Markdown/);
  });
});
