/**
 * The one nav/TOC heuristic (build-index/inspect/nav-like.ts) that the build's
 * warning, `quarry inspect` and the bench's table all use.
 */
import { describe, expect, it } from 'vitest';
import type { Passage } from '../../../../src/core/format/docs.ts';
import { navLikeFigure, navLikePassages, passageSample, type NavCandidate } from '../../../../build-index/inspect/nav-like.ts';
import { countNavLikePassages } from '../../../../bench/corpora-metrics.ts';

const body = (page: string): NavCandidate => ({ page, breadcrumb: [page], text: `${page} explains how its widget is configured and what each of the settings it reads does.` });
const passage = (url: string, text: string, anchor = '', breadcrumb: string[] = [url]): Passage => ({ url, anchor, title: url, breadcrumb, subsections: [], text, words: text.split(/\s+/).length, weight: 1, lang: 'en', meta: {} });

describe('navLikePassages', () => {
  it('finds a menu of short lines repeated on 30% of the pages, by index, keyed by URL', () => {
    const pages = Array.from({ length: 10 }, (_, i) => body(`p${i}.html`));
    const menu = (page: string): NavCandidate => ({ page, breadcrumb: [page], text: 'Home\nInstall\nConfiguration' });
    const passages = [...pages, menu('p0.html'), menu('p1.html'), menu('p2.html')];
    expect(navLikePassages(passages)).toEqual([10, 11, 12]);
    // On 2 of 10 pages it is below the threshold.
    expect(navLikePassages([...pages, menu('p0.html'), menu('p1.html')])).toEqual([]);
  });

  it('counts pages from the passages unless told the site has more', () => {
    const menu = (page: string): NavCandidate => ({ page, breadcrumb: [], text: 'Home\nInstall' });
    expect(navLikePassages([menu('a'), menu('b')])).toEqual([0, 1]);
    expect(navLikePassages([menu('a'), menu('b')], 10)).toEqual([]);
  });

  it('finds a table of contents by its first line or heading, and not prose that starts with "Contents of"', () => {
    expect(navLikePassages([{ page: 'a', breadcrumb: [], text: 'On this page\nWhy widgets\nSetting up widgets' }])).toEqual([0]);
    expect(navLikePassages([{ page: 'a', breadcrumb: ['A', 'Table of contents'], text: 'Why widgets\nSetting up widgets' }])).toEqual([0]);
    expect(navLikePassages([{ page: 'a', breadcrumb: [], text: 'Contents of the package: the widget binary and its manual.' }])).toEqual([]);
  });

  it('is what the bench counts (the bench imports it)', () => {
    const site = { pages: [{ url: 'a', title: 'A' }, { url: 'b', title: 'B' }, { url: 'c', title: 'C' }], passages: [0, 1, 2].map((page) => ({ page, breadcrumb: [], text: 'Home\nInstall' })) };
    expect(countNavLikePassages(site)).toBe(navLikePassages(site.passages, 3).length);
    expect(countNavLikePassages(site)).toBe(3);
  });
});

describe('navLikeFigure', () => {
  it('counts nav-like passages of a build and gives the first ones as examples with their anchors', () => {
    const passages = [
      passage('a.html', 'A explains the widget and every setting it reads at start-up time.'),
      passage('a.html', 'Table of contents\nWidgets\nSettings', 'toc'),
      passage('b.html', 'On this page\nInstall\nUpgrade', 'side'),
    ];
    const figure = navLikeFigure(passages, 1);
    expect(figure.passages).toBe(2);
    expect(figure.indexes).toEqual([1, 2]);
    expect(figure.examples).toEqual([{ url: 'a.html', anchor: 'toc', sample: 'Table of contents | Widgets | Settings' }]);
  });
});

describe('passageSample', () => {
  it('joins lines with " | " and cuts long text with an ellipsis', () => {
    expect(passageSample('Home\n  Install \n\nConfiguration')).toBe('Home | Install | Configuration');
    const sample = passageSample('word '.repeat(40), 20);
    expect(sample).toHaveLength(20);
    expect(sample.endsWith('…')).toBe(true);
  });
});
