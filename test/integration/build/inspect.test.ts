/**
 * `inspectSite` on sites cut from real docs (test/fixtures/sites/real-*),
 * with the real default model's tokenizer: what it reports per page and per
 * site, that it writes nothing, and that it agrees with what `quarry build`
 * does and warns about on the same site.
 */
import { cp, mkdir, mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { build } from '../../../build-index/build.ts';
import { inspectSite, type InspectReport } from '../../../build-index/inspect/inspect-site.ts';
import { resolveBuildOptions } from '../../../build-index/options.ts';
import { isQuarryError } from '../../../src/core/errors.ts';
import { silentReporter } from '../../support/sample-site.ts';

const FIXTURES = join(import.meta.dirname, '../../fixtures/sites');

let root: string;
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'quarry-inspect-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** A copy of a fixture site, so a test can see that nothing is written into it. */
async function copyOf(name: string): Promise<string> {
  const site = join(root, name);
  await cp(join(FIXTURES, name), site, { recursive: true });
  return site;
}

async function inspect(site: string, flags: Record<string, unknown> = {}, pages?: string[]): Promise<InspectReport> {
  return inspectSite(await resolveBuildOptions(site, flags), silentReporter, { pages });
}

/** Every path under `dir` with its size and mtime. */
async function listing(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await readdir(dir, { recursive: true, withFileTypes: true })) {
    const path = join(e.parentPath, e.name);
    const s = await stat(path);
    out.push(`${path} ${s.size} ${s.mtimeMs}`);
  }
  return out.sort();
}

describe('Django (Sphinx): banner h1, global nav, ¶ permalinks, [source] labels', () => {
  let site: string;
  let report: InspectReport;
  let before: string[];
  beforeAll(async () => {
    site = await copyOf('real-django');
    before = await listing(site);
    report = await inspect(site);
  });

  it('writes nothing into the site (no index folder, no lock)', async () => {
    expect(await listing(site)).toEqual(before);
  });

  it('reports the global nav block as dropped on every page, as link-dense', () => {
    expect(report.pages.map((p) => p.url)).toEqual(['faq/admin.html', 'ref/models/fields.html', 'ref/settings.html', 'topics/db/transactions.html']);
    for (const page of report.pages) {
      expect(page.dropped).toContainEqual(expect.objectContaining({ reason: 'link-dense', sample: expect.stringContaining('Table of contents') }));
    }
    expect(report.figures.navLike).toEqual({ passages: 0, examples: [] });
  });

  it('gives each page its own title, not the banner', () => {
    expect(report.pages.map((p) => p.title)).toEqual(['FAQ: The admin', 'Model field reference', 'Settings', 'Database transactions']);
    expect(report.figures.titles).toMatchObject({ distinct: 4, of: 4, share: 1, shared: null });
  });

  it('lists each page\'s heading tree without permalink glyphs or [source] labels', () => {
    const fields = report.pages.find((p) => p.url === 'ref/models/fields.html')!;
    expect(fields.headings.map((h) => [h.level, h.heading])).toEqual([
      [1, 'Model field reference'],
      [2, 'Field types'],
      [3, 'AutoField'],
      [7, 'class AutoField(**options)'],
    ]);
    expect(fields.headings.at(-1)!.anchor).toBe('django.db.models.AutoField');
    for (const h of report.pages.flatMap((p) => p.headings)) expect(h.heading).not.toMatch(/¶|\[source\]/);
    expect(report.figures.pagesWithoutHeadings.pages).toBe(0);
  });

  it('adds up: every kept passage belongs to a listed page, and nothing looks wrong', () => {
    const f = report.figures;
    expect(f.files).toMatchObject({ read: 4, pages: 4, skipped: 0, duplicatePages: 0, reasons: [] });
    expect(report.pages.reduce((n, p) => n + p.passages, 0)).toBe(f.passages.kept);
    expect(f.pages).toBe(4);
    expect(f.overlong).toMatchObject({ of: expect.any(Number), maxTokens: report.model.maxTokens });
    expect(report.warnings).toEqual([]);
  });

  it('--page keeps the site figures whole and lists only the matching pages', async () => {
    const only = await inspect(site, {}, ['ref/**']);
    expect(only.pages.map((p) => p.url)).toEqual(['ref/models/fields.html', 'ref/settings.html']);
    expect(only.pagesTotal).toBe(4);
    expect(only.figures).toEqual(report.figures);
    await expect(inspect(site, {}, ['nothing/**'])).rejects.toSatisfy((e) => isQuarryError(e) && e.code === 'BAD_OPTION' && /matched none of the 4 pages/.test(e.message));
  });

  it('takes build options from the config file, as the build does', async () => {
    await writeFile(join(site, 'quarry.config.json'), JSON.stringify({ selector: 'div.section' }));
    try {
      const withSelector = await inspect(site);
      expect(new Set(withSelector.pages.map((p) => p.root?.rule))).toEqual(new Set(['selector']));
      // The nav is outside the chosen element: nothing left to drop.
      expect(withSelector.pages.flatMap((p) => p.dropped)).toEqual([]);
    } finally {
      await rm(join(site, 'quarry.config.json'));
    }
  });
});

describe('SQLite: four C API pages and the all-in-one page that concatenates them', () => {
  let site: string;
  let report: InspectReport;
  beforeAll(async () => {
    site = await copyOf('real-sqlite-aggregate');
    report = await inspect(site);
  });

  it('reports the aggregate page with its parts and share, and keeps none of its passages', () => {
    expect(report.figures.aggregates).toEqual([{ url: 'capi3ref.html', parts: 4, share: expect.any(Number), passages: expect.any(Number) }]);
    expect(report.figures.aggregates[0].share).toBeGreaterThanOrEqual(0.7);
    const page = report.pages.find((p) => p.url === 'capi3ref.html')!;
    expect(page.aggregate).toEqual({ parts: 4, share: report.figures.aggregates[0].share });
    expect(page.passages).toBe(0);
    for (const part of report.pages.filter((p) => p.url.startsWith('c3ref/'))) expect(part.passages).toBeGreaterThan(0);
    expect(report.figures.pages).toBe(4);
    expect(report.figures.passages.onAggregates).toBe(report.figures.aggregates[0].passages);
  });

  it('counts the duplicate share and warns about it and the aggregate', () => {
    const { passages } = report.figures;
    expect(passages.duplicateShare).toBeCloseTo((passages.extracted - passages.kept) / passages.extracted, 10);
    expect(passages.duplicateShare).toBeGreaterThan(0.05);
    expect(report.warnings.map((w) => w.file)).toEqual(['capi3ref.html', '(site)']);
    expect(report.warnings[1].reason).toMatch(/^\d+% of passages were copies of passages on other pages/);
  });

  it('lists the blocks repeated on most pages, and the passages the model could not read whole', () => {
    expect(report.figures.repeatedBlocks.top).toContainEqual({ text: 'Small. Fast. Reliable. Choose any three.', pages: 5 });
    for (const page of report.pages) expect(page.dropped).toContainEqual(expect.objectContaining({ reason: 'repeated', sample: 'Small. Fast. Reliable. Choose any three.' }));
    // SQLite's identifier-heavy C API text runs over 256 word-pieces.
    expect(report.figures.overlong!.passages).toBeGreaterThan(0);
    expect(report.figures.overlong!.share).toBeCloseTo(report.figures.overlong!.passages / report.figures.overlong!.of, 10);
  });

  it('agrees with quarry build on the same site: the same pages, passages and warnings', async () => {
    const summary = await build(await resolveBuildOptions(site, { outDir: join(root, 'sqlite-index') }), silentReporter);
    expect(summary.pages).toBe(report.figures.pages);
    expect(summary.passages).toBe(report.figures.passages.kept);
    expect(summary.duplicatePassages).toBe(report.figures.passages.duplicates);
    expect(summary.aggregatePages.map((a) => a.url)).toEqual(report.figures.aggregates.map((a) => a.url));
    const siteLevel = summary.warnings.filter((w) => w.file === '(site)' || summary.aggregatePages.some((a) => a.url === w.file));
    expect(siteLevel).toEqual(report.warnings);
  });
});

describe('files that are not pages', () => {
  it('counts skipped files by reason, with an example of each', async () => {
    const report = await inspect(await copyOf('bad'));
    const { files } = report.figures;
    expect(files.read).toBe(files.pages + files.skipped + files.duplicatePages);
    const byReason = Object.fromEntries(files.reasons.map((r) => [r.reason, r]));
    expect(byReason['binary file']).toEqual({ reason: 'binary file', files: 1, example: 'binary.html' });
    expect(byReason['redirect (meta refresh)']).toEqual({ reason: 'redirect (meta refresh)', files: 1, example: 'redirect.html' });
    expect(byReason['duplicate of another page (same canonical URL)']).toMatchObject({ files: 1, example: 'canonical-b.html' });
    expect(files.duplicatePages).toBe(1);
    expect(report.fileWarnings).toContainEqual({ file: 'binary.html', reason: 'binary file' });
    expect(report.figures.pagesWithoutHeadings.examples).toContain('no-headings.html');
  });
});

describe('nav-like passages', () => {
  let site: string;
  beforeAll(async () => {
    site = join(root, 'nav-site');
    // 10 pages; 3 end with the same plain (unlinked) menu, so it is not link-dense nor on most pages.
    await mkdir(site, { recursive: true });
    for (let i = 0; i < 10; i++) {
      const menu = i < 3 ? '<ul><li>Install</li><li>Configure</li><li>Upgrade</li><li>Remove</li></ul>' : '';
      await writeFile(
        join(site, `page${i}.html`),
        `<html><head><title>Topic ${i}</title></head><body><main><h1>Topic ${i}</h1><p>Topic ${i} explains how widget number ${i} is configured, which settings it reads at start-up and what each of them changes.</p>${menu}</main></body></html>`,
      );
    }
  });

  it('inspect counts them per site and per page, and quarry build warns with the same count and example', async () => {
    const report = await inspect(site);
    expect(report.figures.navLike.passages).toBe(3);
    expect(report.figures.navLike.examples.map((e) => e.url)).toEqual(['page0.html', 'page1.html', 'page2.html']);
    expect(report.pages.filter((p) => p.navLike).map((p) => p.url)).toEqual(['page0.html', 'page1.html', 'page2.html']);
    expect(report.warnings).toEqual([{ file: '(site)', reason: expect.stringMatching(/^3 passage\(s\) look like navigation or a table of contents, e\.g\. on page0\.html: /) }]);
    const summary = await build(await resolveBuildOptions(site, { outDir: join(root, 'nav-index') }), silentReporter);
    expect(summary.warnings.filter((w) => w.file === '(site)')).toEqual(report.warnings);
  });
});
