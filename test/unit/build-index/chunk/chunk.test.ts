import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chunkPage } from '../../../../build-index/chunk/chunk.ts';
import { countWords, wordSlices } from '../../../../build-index/chunk/words.ts';
import { sentenceSlices, toUnits } from '../../../../build-index/chunk/units.ts';
import { windowRanges } from '../../../../build-index/chunk/window.ts';
import type { ExtractedPage, Section } from '../../../../build-index/extract/types.ts';

const OPTS = { chunkWords: 200, overlapWords: 35, minWords: 50 };

function page(sections: Section[], url = 'p.html'): ExtractedPage {
  return { url, title: 'T', lang: 'en', canonical: null, meta: { k: 'v' }, weight: 1, sections };
}

function section(level: number, path: string[], anchor: string, blocks: string[], weight = 1): Section {
  return { level, heading: path[path.length - 1] ?? '', anchor, path, blocks, weight };
}

/** n unique words w{start}..w{start+n-1}, with a full stop every `sentence` words. */
function words(start: number, n: number, sentence = 12): string {
  const out: string[] = [];
  for (let i = 0; i < n; i++) out.push(`w${start + i}${(i + 1) % sentence === 0 ? '.' : ''}`);
  return out.join(' ');
}

describe('word counting', () => {
  it('counts CJK characters one each and ignores punctuation-only tokens', () => {
    expect(countWords('hello world')).toBe(2);
    expect(countWords('a | b — c')).toBe(3);
    expect(countWords('数据库')).toBe(3);
    expect(countWords('使用 SQLite 数据库。')).toBe(6);
    expect(countWords('')).toBe(0);
  });

  it('word and sentence slices reassemble the text exactly', () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom('a', 'b', ' ', '\n', '.', '数', '!', 'é') }), (s) => {
        expect(wordSlices(s).join('')).toBe(s);
        expect(sentenceSlices(s).join('')).toBe(s);
      }),
    );
  });
});

describe('chunkPage', () => {
  it('short sibling sections without anchors of their own merge under the parent, keeping the first anchor and inlining headings', () => {
    const ps = chunkPage(
      page([
        section(1, ['Guide'], 'guide', [words(0, 60)]),
        section(2, ['Guide', 'A'], 'guide', [words(100, 10)]),
        section(2, ['Guide', 'B'], 'guide', [words(200, 10)]),
        section(2, ['Guide', 'C'], 'c', [words(300, 80)]),
      ]),
      OPTS,
    );
    expect(ps.map((p) => [p.anchor, p.breadcrumb])).toEqual([
      ['guide', ['Guide']],
      ['c', ['Guide', 'C']],
    ]);
    expect(ps[0].text).toContain('\nA\nw100');
    expect(ps[0].text).toContain('\nB\nw200');
    expect(ps[0].url).toBe('p.html');
    expect(ps[0].meta).toEqual({ k: 'v' });
  });

  it('short entries with anchors of their own (API members, definitions) stay one passage each; fragments merge', () => {
    const ps = chunkPage(
      page([
        section(1, ['Sound'], 'sound', [words(0, 30)]),
        section(2, ['Sound', 'play()'], 'play', [words(100, 12)]),
        section(2, ['Sound', 'pause()'], 'pause', [words(200, 9)]),
        section(3, ['Sound', 'pause()', 'Returns'], 'pause', ['nothing']),
        section(2, ['Sound', 'stop()'], 'stop', [words(300, 20)]),
      ]),
      OPTS,
    );
    expect(ps.map((p) => p.anchor)).toEqual(['sound', 'play', 'pause', 'stop']);
    expect(ps[2].text).toContain('Returns\nnothing');
  });

  it('FAQ-style sections of ~50 words keep their own anchors', () => {
    const faq = Array.from({ length: 6 }, (_, i) => section(2, ['FAQ', `Q${i}`], `q${i}`, [words(i * 100, 55)]));
    const ps = chunkPage(page([section(1, ['FAQ'], 'faq', []), ...faq]), OPTS);
    expect(ps.map((p) => p.anchor)).toEqual(['q0', 'q1', 'q2', 'q3', 'q4', 'q5']);
  });

  it('sections under different parents never merge', () => {
    const ps = chunkPage(
      page([
        section(2, ['X', 'A'], 'a', [words(0, 10)]),
        section(2, ['Y', 'B'], 'b', [words(100, 10)]),
      ]),
      OPTS,
    );
    expect(ps.map((p) => p.anchor)).toEqual(['a', 'b']);
  });

  it('long sections become balanced overlapping windows', () => {
    const ps = chunkPage(page([section(1, ['Long'], 'long', [words(0, 450)])]), OPTS);
    expect(ps.length).toBe(3);
    for (const p of ps) {
      expect(p.words).toBeGreaterThan(120);
      expect(p.words).toBeLessThanOrEqual(200);
      expect(p.anchor).toBe('long');
    }
  });

  it('weights and page fields are carried over', () => {
    const ps = chunkPage(page([section(1, ['W'], 'w', [words(0, 70)], 3)]), OPTS);
    expect(ps[0]).toMatchObject({ weight: 3, lang: 'en', title: 'T', url: 'p.html', words: 70 });
  });

  it('empty pages and heading-only sections give no passages', () => {
    expect(chunkPage(page([]), OPTS)).toEqual([]);
    expect(chunkPage(page([section(1, ['Only'], 'o', [])]), OPTS)).toEqual([]);
  });

  // --- properties -----------------------------------------------------------

  const sectionsArb = fc
    .array(
      fc.record({
        depth: fc.integer({ min: 1, max: 3 }),
        blocks: fc.array(fc.record({ n: fc.integer({ min: 0, max: 300 }), sentence: fc.integer({ min: 3, max: 300 }) }), { maxLength: 4 }),
        weight: fc.constantFrom(1, 2),
      }),
      { maxLength: 8 },
    )
    .map((specs) => {
      let next = 0;
      const path: string[] = [];
      return specs.map((s, i) => {
        path.length = Math.min(path.length, s.depth - 1);
        while (path.length < s.depth - 1) path.push(`P${i}-${path.length}`);
        path.push(`H${i}`);
        const blocks = s.blocks.map((b) => {
          const text = words(next, b.n, b.sentence);
          next += b.n;
          return text;
        });
        return section(s.depth, [...path], `h${i}`, blocks.filter(Boolean), s.weight);
      });
    });
  const optsArb = fc.record({
    chunkWords: fc.integer({ min: 40, max: 300 }),
    overlapFrac: fc.double({ min: 0.05, max: 0.25, noNaN: true }),
    minWords: fc.integer({ min: 0, max: 80 }),
  });

  it('property: every content word is in some passage, passages stay within 1.5× the target', () => {
    fc.assert(
      fc.property(sectionsArb, optsArb, (sections, o) => {
        const opts = { chunkWords: o.chunkWords, overlapWords: Math.round(o.chunkWords * o.overlapFrac), minWords: o.minWords };
        const ps = chunkPage(page(sections), opts);
        const seen = new Set<string>();
        const bad: string[] = [];
        // Merged headings are inlined, so allow their few words on top of the bound.
        const limit = Math.ceil(opts.chunkWords * 1.5) + 6;
        for (const p of ps) {
          if (p.url !== 'p.html' || p.words > limit || p.words !== countWords(p.text)) bad.push(`${p.words}: ${p.text.slice(0, 40)}`);
          for (const w of p.text.split(/\s+/)) seen.add(w.replace(/\.$/, ''));
        }
        const missing: string[] = [];
        for (const s of sections) for (const b of s.blocks) for (const w of b.split(' ')) if (!seen.has(w.replace(/\.$/, ''))) missing.push(w);
        expect(bad).toEqual([]);
        expect(missing).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });

  it('property: consecutive windows of one section overlap and advance', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 2, max: 400 }),
        fc.integer({ min: 40, max: 300 }),
        (n, sentence, chunkWords) => {
          const overlapWords = Math.round(chunkWords * 0.17);
          const units = toUnits([words(0, n, sentence)], Math.floor(chunkWords / 2));
          const ranges = windowRanges(units, { chunkWords, overlapWords });
          expect(ranges[0][0]).toBe(0);
          expect(ranges[ranges.length - 1][1]).toBe(units.length);
          for (let i = 1; i < ranges.length; i++) {
            expect(ranges[i][0]).toBeLessThan(ranges[i - 1][1]); // overlap
            expect(ranges[i][0]).toBeGreaterThan(ranges[i - 1][0]); // progress
            expect(ranges[i][1]).toBeGreaterThan(ranges[i - 1][1]);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('property: passages never cross pages', () => {
    fc.assert(
      fc.property(sectionsArb, sectionsArb, (a, b) => {
        const pa = chunkPage(page(a, 'a.html'), OPTS);
        const pb = chunkPage(page(b, 'b.html'), OPTS);
        const wordsOf = (s: Section[]) => new Set(s.flatMap((x) => x.blocks.join(' ').split(/\s+/)));
        const aw = wordsOf(a);
        expect(pa.every((p) => p.url === 'a.html') && pb.every((p) => p.url === 'b.html')).toBe(true);
        // Every generated word in a's passages is one of a's words.
        const foreign = pa.flatMap((p) => p.text.split(/\s+/).filter((w) => /^w\d/.test(w) && !aw.has(w)));
        expect(foreign).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });
});

describe('merged sections keep every heading', () => {
  it('a parent heading with no text of its own, merged away from the breadcrumb, stays in the passage text', () => {
    // <h1 id=top>Top</h1><p>intro</p><h2>Alpha</h2><h3>Beta</h3><p>beta body</p>: Alpha has no section of its own, Beta no anchor of its own.
    const sections = [section(1, ['Top'], 'top', ['intro words']), section(3, ['Top', 'Alpha', 'Beta'], 'top', ['beta body'])];
    const [p, ...rest] = chunkPage(page(sections), OPTS);
    expect(rest).toEqual([]);
    expect(p.breadcrumb).toEqual(['Top']);
    expect(p.text).toBe('intro words\nAlpha\nBeta\nbeta body');
  });

  it('siblings under a shared parent do not repeat it', () => {
    const sections = [section(2, ['A'], 'a', ['a text']), section(3, ['A', 'B'], 'a', ['b text']), section(3, ['A', 'C'], 'a', ['c text'])];
    expect(chunkPage(page(sections), OPTS).map((p) => p.text)).toEqual(['a text\nB\nb text\nC\nc text']);
  });
});
