import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readIndexedSite, siteFigures, type IndexedSite } from '../../../bench/corpora-metrics.ts';
import { buildSiteCopy, type BuiltSite } from '../../support/sample-site.ts';

describe('real-site figures read from a built index (sample docs)', () => {
  let built: BuiltSite;
  let indexed: IndexedSite;
  beforeAll(async () => {
    built = await buildSiteCopy();
    indexed = await readIndexedSite(built.index);
  });
  afterAll(() => built?.cleanup());

  it('reads every page and every passage with its text from docs json and the text shards', () => {
    expect(indexed.pages.length).toBe(built.summary.pages);
    expect(indexed.passages.length).toBe(built.summary.passages);
    expect(indexed.passages.every((p) => p.text.trim().length > 0)).toBe(true);
    const configuration = indexed.pages.findIndex((p) => p.url === 'configuration.html');
    expect(configuration).toBeGreaterThanOrEqual(0);
    expect(indexed.passages.some((p) => p.page === configuration && /\bconfig/i.test(p.text))).toBe(true);
  });

  it('finds the sample site clean: no duplicates, no nav/TOC passages, every title distinct', () => {
    expect(siteFigures(indexed)).toMatchObject({ duplicatePassages: 0, navLikePassages: 0, distinctTitles: 1 });
  });

  it('counts an aggregate page, a site-wide menu and a banner title when they are in the index', () => {
    const first = indexed.passages.filter((p) => p.page === 0);
    const aggregate = indexed.pages.length;
    const site: IndexedSite = {
      pages: [...indexed.pages.map((p, i) => ({ ...p, title: i < 3 ? 'Acme Docs' : p.title })), { url: 'all.html', title: 'All in one' }],
      passages: [
        ...indexed.passages,
        ...first.map((p) => ({ ...p, page: aggregate })),
        ...indexed.pages.map((_, page) => ({ page, breadcrumb: [], text: 'Home\nQuickstart\nConfiguration\nTroubleshooting' })),
      ],
    };
    const f = siteFigures(site);
    // The page-0 passages and their aggregate copies, and the menu on every page (nav is duplicated text too).
    expect(f.duplicatePassages).toBe(2 * first.length + indexed.pages.length);
    expect(f.navLikePassages).toBe(indexed.pages.length);
    expect(f.distinctTitles).toBeCloseTo((indexed.pages.length - 3 + 1 + 1) / (indexed.pages.length + 1), 10);
  });
});
