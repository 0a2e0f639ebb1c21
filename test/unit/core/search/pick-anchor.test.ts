import { beforeAll, describe, expect, it } from 'vitest';
import { headingNamingQuery, pickAnchor } from '../../../../src/core/search/pick-anchor.ts';
import type { Passage } from '../../../../src/core/format/docs.ts';
import { queryTerms } from '../../../../src/core/text/tokenize.ts';
import { mergedPage, samplePassages, subsectionsOf } from './real-passages.ts';

let faq: Passage;
beforeAll(async () => {
  faq = mergedPage(await samplePassages(), 'troubleshooting.html');
});

describe('pickAnchor', () => {
  it("goes to the excerpt's sub-section, or to the passage for the text before the first", () => {
    const subs = subsectionsOf(faq);
    expect(pickAnchor(faq.anchor, subs, [], 3)).toEqual({ anchor: 'faq-disk', heading: 'The data directory keeps growing.' });
    expect(pickAnchor('error-codes', subs, [], -1)).toEqual({ anchor: 'error-codes', heading: null });
    expect(pickAnchor('error-codes', 0, ['cache'], 2)).toEqual({ anchor: 'error-codes', heading: null });
  });

  it('without an excerpt, goes to the sub-section whose heading names the most query terms', () => {
    const subs = subsectionsOf(faq);
    expect(pickAnchor(faq.anchor, subs, queryTerms('two servers').terms, null).anchor).toBe('faq-port');
    expect(pickAnchor('faq-top', subs, queryTerms('zzz').terms).anchor).toBe('faq-top');
  });
});

describe('headingNamingQuery', () => {
  it('counts distinct terms, the first of equals winning', () => {
    const headings = faq.subsections.map((s) => s.heading);
    expect(headingNamingQuery(headings, queryTerms('server data directory').terms)).toBe(3);
    expect(headingNamingQuery(headings, queryTerms('server').terms)).toBe(0);
    expect(headingNamingQuery(headings, [])).toBe(-1);
  });
});
