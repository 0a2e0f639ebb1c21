/**
 * The one rule for which site figures look wrong (build-index/inspect/site-warnings.ts),
 * printed by `quarry build` and listed by `quarry inspect`.
 */
import { describe, expect, it } from 'vitest';
import type { Passage } from '../../../../src/core/format/docs.ts';
import { MAX_DUPLICATE_SHARE, siteWarnings, type SiteCheck } from '../../../../build-index/inspect/site-warnings.ts';

const passages = (n: number): Passage[] =>
  Array.from({ length: n }, (_, i) => ({ url: `p${i % 5}.html`, anchor: '', title: `P${i}`, breadcrumb: [], subsections: [], text: `text ${i}`, words: 2, weight: 1, lang: 'en', meta: {} }));

function site(over: { extracted?: number; kept?: number; duplicates?: number; shared?: SiteCheck['titles']['shared']; aggregates?: SiteCheck['dedupe']['aggregates'] } = {}): SiteCheck {
  const kept = passages(over.kept ?? 100);
  return {
    titles: { cleaned: 0, shared: over.shared ?? null },
    extractedPassages: over.extracted ?? kept.length,
    passages: kept,
    dedupe: { passages: kept, duplicatePassages: over.duplicates ?? 0, aggregates: over.aggregates ?? [] },
  };
}
const noNav = { passages: 0, examples: [] };

describe('siteWarnings', () => {
  it('says nothing about a clean site', () => {
    expect(siteWarnings(site(), noNav)).toEqual([]);
  });

  it(`warns above ${MAX_DUPLICATE_SHARE * 100}% duplicate passages, not at it`, () => {
    expect(siteWarnings(site({ extracted: 100, kept: 95, duplicates: 5 }), noNav)).toEqual([]);
    expect(siteWarnings(site({ extracted: 100, kept: 94, duplicates: 6 }), noNav)).toEqual([
      {
        file: '(site)',
        reason: '6% of passages were copies of passages on other pages (6 duplicate passages dropped, 0 aggregate page(s) skipped); exclude all-in-one or print pages with --exclude if a kept copy is on the wrong page',
      },
    ]);
  });

  it('names each aggregate page, and a title most pages share', () => {
    const warnings = siteWarnings(site({ shared: { title: 'Acme Docs', pages: 9, of: 10 }, aggregates: [{ url: 'all.html', parts: 4, share: 0.95, passages: 20 }], extracted: 120, kept: 100 }), noNav);
    expect(warnings).toEqual([
      { file: '(site)', reason: '9 of 10 pages have the title "Acme Docs"; give each page a distinct <title> or <h1>' },
      { file: 'all.html', reason: 'aggregate of 4 other pages (95% of its passages appear elsewhere); skipped' },
      expect.objectContaining({ file: '(site)', reason: expect.stringMatching(/^17% of passages were copies/) }),
    ]);
  });

  it('warns about nav-like passages with their count and an example page', () => {
    const [w] = siteWarnings(site(), { passages: 3, examples: [{ url: 'guide/a.html', anchor: 'side', sample: 'Home | Install' }] });
    expect(w.file).toBe('(site)');
    expect(w.reason).toMatch(/^3 passage\(s\) look like navigation or a table of contents, e\.g\. on guide\/a\.html#side: "Home \| Install"/);
  });
});
