import { describe, expect, it } from 'vitest';
import { countDuplicatePassages, countNavLikePassages, distinctTitleShare, normaliseText, type IndexedSite } from '../../../bench/corpora-metrics.ts';
import { corporaFlag } from '../../../bench/corpora-run.ts';

/** A site of `n` pages, each with one distinct body passage, plus `extra` passages. */
function site(n: number, extra: Array<{ page: number; text: string; breadcrumb?: string[] }> = []): IndexedSite {
  const pages = Array.from({ length: n }, (_, i) => ({ url: `p${i}.html`, title: `Page ${i}` }));
  const body = pages.map((_, i) => ({ page: i, breadcrumb: [`Page ${i}`], text: `Page ${i} explains how widget number ${i} is configured and what each of its settings does.` }));
  return { pages, passages: [...body, ...extra.map((e) => ({ breadcrumb: [], ...e }))] };
}

describe('duplicate passages', () => {
  it('counts every copy of a text that occurs on another page, ignoring case, punctuation and spacing', () => {
    const s = site(3, [{ page: 2, text: 'PAGE 0 explains how widget number 0 is configured, and what each of its settings does!' }]);
    expect(normaliseText(s.passages[3].text)).toBe(normaliseText(s.passages[0].text));
    expect(countDuplicatePassages(s)).toBe(2);
  });

  it('does not count a text repeated within one page', () => {
    expect(countDuplicatePassages(site(3, [{ page: 0, text: site(1).passages[0].text }]))).toBe(0);
  });
});

describe('nav/TOC-like passages', () => {
  it('counts a menu of short lines repeated on at least 30% of the pages', () => {
    const menu = 'Home\nInstall\nConfiguration';
    // 3 of 10 pages carry the menu: each line is on 30% of pages.
    expect(countNavLikePassages(site(10, [0, 1, 2].map((page) => ({ page, text: menu }))))).toBe(3);
    // 2 of 10 is below the threshold.
    expect(countNavLikePassages(site(10, [0, 1].map((page) => ({ page, text: menu }))))).toBe(0);
  });

  it('does not count long repeated lines (shared prose, not chrome)', () => {
    const prose = 'This paragraph is quoted on many pages because it is a long shared explanation of the license terms.';
    expect(countNavLikePassages(site(4, [0, 1, 2, 3].map((page) => ({ page, text: prose }))))).toBe(0);
  });

  it('counts a passage that is a table of contents by its label, on one page only', () => {
    expect(countNavLikePassages(site(5, [{ page: 0, text: 'On this page\nWhy widgets\nSetting up widgets' }]))).toBe(1);
    expect(countNavLikePassages(site(5, [{ page: 0, breadcrumb: ['Page 0', 'Table of contents'], text: 'Why widgets\nSetting up widgets' }]))).toBe(1);
    expect(countNavLikePassages(site(5, [{ page: 0, text: 'Contents of the package: the widget binary and its manual.' }]))).toBe(0);
  });
});

describe('distinct titles', () => {
  it('is distinct page titles over pages', () => {
    const s = site(4);
    expect(distinctTitleShare(s)).toBe(1);
    s.pages[1].title = s.pages[2].title = s.pages[3].title = 'Acme Docs';
    expect(distinctTitleShare(s)).toBe(0.5);
  });
});

describe('--corpora flag', () => {
  it('selects all corpora, a list, or none without the flag', () => {
    expect(corporaFlag(['--corpora'])).toEqual([]);
    expect(corporaFlag(['--corpora', 'mkdocs,git'])).toEqual(['mkdocs', 'git']);
    expect(corporaFlag(['--corpora=sqlite'])).toEqual(['sqlite']);
    expect(corporaFlag(['--corpora', '--other'])).toEqual([]);
    expect(corporaFlag([])).toBeNull();
  });
});
