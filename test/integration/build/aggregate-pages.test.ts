/**
 * A build of a site cut from SQLite's docs: four C API pages and the
 * all-in-one page that concatenates them. The all-in-one page is skipped with
 * one warning that names it, each part's text is indexed once, and the
 * summary counts what was dropped.
 */
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build, type BuildSummary } from '../../../build-index/build.ts';
import { resolveBuildOptions } from '../../../build-index/options.ts';
import { openIndex } from '../../../src/node/index.ts';
import { silentReporter } from '../../support/sample-site.ts';

const FIXTURE = join(import.meta.dirname, '../../fixtures/sites/real-sqlite-aggregate');
const PARTS = ['c3ref/close.html', 'c3ref/errcode.html', 'c3ref/exec.html', 'c3ref/libversion.html'];

let root: string;
let summary: BuildSummary;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'quarry-aggregate-'));
  await cp(FIXTURE, join(root, 'site'), { recursive: true });
  summary = await build(await resolveBuildOptions(join(root, 'site'), { exclude: ['README.md'] }), silentReporter);
}, 600_000);

afterAll(() => rm(root, { recursive: true, force: true }));

describe('a site with an all-in-one page', () => {
  it('skips the aggregate page with one warning that names it', () => {
    expect(summary.warnings.filter((w) => w.file === 'capi3ref.html').map((w) => w.reason)).toEqual([
      expect.stringMatching(/^aggregate of 4 other pages \(\d+% of its passages appear elsewhere\); skipped$/),
    ]);
    expect(summary.aggregatePages.map((a) => a.url)).toEqual(['capi3ref.html']);
    expect(summary.pages).toBe(4);
  });

  it('indexes every part and no passage of the aggregate', async () => {
    const index = await openIndex(join(root, 'site/_quarry'));
    expect((await index.engine.index.pageList()).map(({ url }) => url).sort()).toEqual(PARTS);
    const exec = (await index.search('sqlite3_exec callback', { mode: 'lexical', k: 10 })).results;
    expect(exec[0]?.url).toBe('c3ref/exec.html');
    expect(exec.map((r) => r.url)).not.toContain('capi3ref.html');
    await index.close();
  });

  it('counts the copies it dropped instead of reporting none', () => {
    // The site banner and menu repeat on every page: removed site-wide as boilerplate, so no passage is a copy of another.
    expect(summary.repeatedBlocks).toBe(2);
    expect(summary.duplicatePassages).toBe(0);
    expect(summary.passages + summary.duplicatePassages + summary.aggregatePages[0].passages).toBe(33);
    expect(summary.warnings.filter((w) => w.file === '(site)').map((w) => w.reason)).toEqual([
      '52% of passages were copies of passages on other pages (0 duplicate passages dropped, 1 aggregate page(s) skipped); exclude all-in-one or print pages with --exclude if a kept copy is on the wrong page',
    ]);
  });
});
