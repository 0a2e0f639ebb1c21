/**
 * `quarry inspect` at the command line, without reading a site: it is listed
 * in `quarry --help`, takes build's reading options from the same table (and
 * no others), and its readable report is trimmed on big sites.
 */
import { describe, expect, it } from 'vitest';
import { BUILD_OPTIONS } from '../../../build-index/config.ts';
import type { InspectReport, PageReport } from '../../../build-index/inspect/types.ts';
import { inspectFlagConfig, renderReport } from '../../../src/cli/commands/inspect.ts';
import { runCli as run } from '../../support/run-cli.ts';

describe('quarry inspect: help and flags', () => {
  it('is listed in quarry --help', async () => {
    const { out } = await run(['--help']);
    expect(out).toMatch(/^ {2}inspect <site> +Show what build would index/m);
  });

  it('has its own --help listing build flags that change what is read, with build\'s defaults', async () => {
    const { code, out } = await run(['inspect', '--help']);
    expect(code).toBe(0);
    expect(out).toMatch(/^Usage: quarry inspect <siteDir>/);
    for (const flag of ['--page', '--json', '--selector CSS', '--include GLOB', '--exclude GLOB', '--chunk-words N', '--min-words N', '--model ID|DIR', '--config FILE']) expect(out).toContain(flag);
    expect(out).toContain(`(default: ${BUILD_OPTIONS.chunkWords.default})`);
    for (const flag of ['--out', '--sw', '--batch-size', '--no-copy-model']) expect(out).not.toContain(flag);
  });

  it('parses the same flags as quarry build for those options', () => {
    const flags = inspectFlagConfig();
    expect(flags['chunk-words']).toEqual({ type: 'string' });
    expect(flags.exclude).toEqual({ type: 'string', multiple: true });
    expect(flags['no-default-excludes']).toEqual({ type: 'boolean' });
    expect(flags.page).toEqual({ type: 'string', multiple: true });
    expect(flags.out).toBeUndefined();
  });

  it('rejects flags that do not change what is read, and a bad value by build\'s rules', async () => {
    const out = await run(['inspect', 'site', '--out', 'x']);
    expect(out.code).toBe(1);
    expect(out.err).toMatch(/Unknown option '--out'.*quarry inspect --help/);
    const bad = await run(['inspect', 'site', '--chunk-words', '5']);
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/chunkWords.*--chunk-words.*between 20 and 2000/);
  });

  it('needs exactly one site folder that exists', async () => {
    expect((await run(['inspect'])).err).toMatch(/exactly one site folder/);
    const missing = await run(['inspect', '/no/such/site']);
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/Site folder not found: \/no\/such\/site/);
  });
});

function report(pages: number): InspectReport {
  const page = (i: number): PageReport => ({
    url: `p${i}.html`,
    title: `Page ${i}`,
    extractedTitle: `Page ${i}`,
    root: { rule: 'main', rejected: [] },
    headings: Array.from({ length: 12 }, (_, h) => ({ level: h ? 2 : 1, heading: `Heading ${h}`, anchor: `h${h}` })),
    passages: 2,
    aggregate: null,
    navLike: 0,
    dropped: Array.from({ length: 5 }, () => ({ reason: 'link-dense' as const, words: 4, sample: 'Home Install Upgrade Remove' })),
  });
  return {
    version: 1,
    site: '/site',
    model: { id: 'm', maxTokens: 256 },
    figures: {
      files: { read: pages, pages, skipped: 0, duplicatePages: 0, reasons: [] },
      pages,
      passages: { extracted: 2 * pages, kept: 2 * pages, duplicates: 0, onAggregates: 0, duplicateShare: 0 },
      aggregates: [],
      titles: { distinct: pages, of: pages, share: 1, cleaned: 0, shared: null },
      releaseNotes: { pages: 0, weight: 0.5, examples: [] },
      navLike: { passages: 0, examples: [] },
      pagesWithoutHeadings: { pages: 0, examples: [] },
      repeatedBlocks: { blocks: 0, occurrences: 0, top: [] },
      overlong: { passages: 0, of: 2 * pages, share: 0, maxTokens: 256 },
    },
    warnings: [{ file: '(site)', reason: 'something looks wrong' }],
    fileWarnings: [],
    pages: Array.from({ length: pages }, (_, i) => page(i)),
    pagesTotal: pages,
  };
}

describe('quarry inspect: the readable report', () => {
  it('puts the site figures first, then the warnings, then the pages', () => {
    const text = renderReport(report(3), { detail: false });
    const at = (s: string) => text.indexOf(s);
    expect(at('\nSite\n')).toBeGreaterThan(0);
    expect(at('\nSite\n')).toBeLessThan(at('Warnings (1)'));
    expect(at('Warnings (1)')).toBeLessThan(at('Pages (3)'));
    expect(text).toContain('(site): something looks wrong');
  });

  it('names the pages weighted down as release notes, and how to override it', () => {
    const r = report(3);
    r.figures.releaseNotes = { pages: 2, weight: 0.5, examples: ['releases/3.1.html', 'releases/3.2.html'] };
    expect(renderReport(r, { detail: false })).toContain('release notes 2 pages weighted ×0.5 (data-quarry-weight on a page overrides): releases/3.1.html, releases/3.2.html');
    expect(renderReport(report(3), { detail: false })).not.toContain('release notes');
  });

  it('trims a big site to 20 pages, a few headings and dropped blocks each, and says how to see the rest', () => {
    const text = renderReport(report(25), { detail: false });
    expect(text).toContain('  p19.html');
    expect(text).not.toContain('  p20.html');
    expect(text).toMatch(/… 5 more pages\. See one page in full with --page <url-or-glob> \(e\.g\. --page "p20\.html"\), or all of them with --json\./);
    expect(text).toContain('… 4 more');
    expect(text).toContain('… 2 more dropped blocks');
  });

  it('shows the matched pages in full with --page: every heading as a tree, every dropped block', () => {
    const r = report(1);
    r.pagesTotal = 25;
    const text = renderReport(r, { detail: true });
    expect(text).toContain('Pages (1 of 25 matched --page)');
    expect(text).toContain('        h1 Heading 0  #h0\n          h2 Heading 1  #h1');
    expect(text).toContain('h2 Heading 11  #h11');
    expect(text.match(/dropped link-dense/g)).toHaveLength(5);
  });
});
