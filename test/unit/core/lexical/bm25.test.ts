import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isQuarryError } from '../../../../src/core/errors.ts';
import { decodeBm25, encodeBm25, LENGTHS } from '../../../../src/core/lexical/bm25-format.ts';
import { Bm25Index, buildBm25, type Bm25Doc } from '../../../../src/core/lexical/bm25.ts';
import { ByteReader } from '../../../../src/core/lexical/bytes.ts';
import { DEFAULT_BM25 } from '../../../../src/core/lexical/bm25-params.ts';
import { queryTerms } from '../../../../src/core/text/tokenize.ts';

const doc = (text: string, title = ''): Bm25Doc => ({ fields: [{ text: title, boost: 3 }, { text, boost: 1 }] });
const search = (idx: Bm25Index, q: string, k = 10) => idx.search(queryTerms(q), k);

/** Index terms of each word, written out by hand (an identifier also yields its pieces; accents fold). */
const INDEX_TERMS: Record<string, string[]> = {
  alpha: ['alpha'],
  beta: ['beta'],
  gamma: ['gamma'],
  max_wal_size: ['max_wal_size', 'max', 'wal', 'size'],
  検索: ['検索'],
  café: ['cafe'],
  zeta: ['zeta'],
  x1: ['x1'],
};
const WORDS = Object.keys(INDEX_TERMS);

describe('buildBm25 / Bm25Index.decode', () => {
  it('round-trips postings, lengths and vocabulary', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...WORDS), { maxLength: 30 }), { minLength: 1, maxLength: 20 }),
        (docs) => {
          const bytes = buildBm25(docs.map((words) => doc(words.join(' '))));
          const data = decodeBm25(bytes);
          expect(data.docCount).toBe(docs.length);
          const idx = Bm25Index.decode(bytes);
          const vocab = [...new Set(docs.flat().flatMap((w) => INDEX_TERMS[w]))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
          expect([...idx.vocabulary()]).toEqual(vocab);
          for (const t of vocab) {
            expect(idx.hasTerm(t)).toBe(true);
            expect(idx.df(t)).toBe(docs.filter((words) => words.some((w) => INDEX_TERMS[w].includes(t))).length);
          }
          expect(idx.hasTerm('delta')).toBe(false);
          expect(idx.df('delta')).toBe(0);
        },
      ),
      { numRuns: 60 },
    );
  });

  it('encodes arbitrary postings losslessly, and lengths within 2.5%', () => {
    const terms = ['a', 'ab', 'abc', 'b', 'é', '検索'];
    const postings = terms.map((_, t) => ({ ids: [t, t + 7, 300 + t * 1000], tfs: [4, 1, 70000] }));
    const lengths = Array.from({ length: 6000 }, (_, i) => i * 3 + 1);
    const data = decodeBm25(encodeBm25({ tfScale: 4, docCount: lengths.length, lengths, terms, postings }));
    expect(data.terms).toEqual(terms);
    // One byte on a log scale (Lucene's norms), carried by each posting: far past any passage's length before it saturates.
    const stored = new Map<number, number>();
    const r = new ByteReader(data.postings, 'test');
    for (let t = 0; t < terms.length; t++) {
      let id = -1;
      for (let i = 0; i < data.df[t]; i++) {
        id += r.varint() + 1;
        r.varint();
        stored.set(id, LENGTHS[r.u8()]);
      }
    }
    expect(stored.size).toBe(18);
    for (const [id, l] of stored) expect(Math.abs(l - lengths[id]), `length ${lengths[id]}`).toBeLessThanOrEqual(Math.max(1, lengths[id] * 0.025));
    const mean = lengths.reduce((a, b) => a + b, 0) / lengths.length;
    expect(Math.abs(data.avgLength! - mean) / mean).toBeLessThan(0.01);
    expect([...data.df]).toEqual([3, 3, 3, 3, 3, 3]);
  });

  it('is a binary file with magic and version, not JSON', () => {
    const bytes = buildBm25([doc('hello world')]);
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('QLEX');
    expect(bytes[4]).toBe(3);
  });
});

describe('Bm25Index.decode errors', () => {
  const good = buildBm25(['the quick brown fox', 'jumps over the lazy dog', 'max_wal_size controls checkpoints'].map((t) => doc(t)));

  const expectCorrupt = (bytes: Uint8Array, part: RegExp) => {
    try {
      Bm25Index.decode(bytes);
    } catch (e) {
      expect(isQuarryError(e, 'INDEX_CORRUPT')).toBe(true);
      expect((e as Error).message).toMatch(part);
      return;
    }
    throw new Error('decoded a corrupt buffer');
  };

  it('names the broken part', () => {
    expectCorrupt(good.subarray(0, 10), /header/);
    const badMagic = good.slice();
    badMagic[0] = 0;
    expectCorrupt(badMagic, /magic/);
    expectCorrupt(good.subarray(0, good.length - 3), /truncated/);
    const badLength = good.slice();
    badLength[24] = 250; // stats section length
    expectCorrupt(badLength, /stats/);
  });

  it('rejects every truncation and never throws anything but QuarryError on random damage', () => {
    for (let n = 0; n < good.length; n++) expectCorrupt(good.subarray(0, n), /./);
    fc.assert(
      fc.property(fc.integer({ min: 24, max: good.length - 1 }), fc.integer({ min: 0, max: 255 }), (at, v) => {
        const bytes = good.slice();
        bytes[at] = v;
        try {
          Bm25Index.decode(bytes).search({ terms: ['fox', 'dog', 'max_wal_size', 'the'] }, 5);
        } catch (e) {
          expect(isQuarryError(e)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('reports a newer format version as INDEX_VERSION', () => {
    const bytes = good.slice();
    bytes[4] = 9;
    expect(() => Bm25Index.decode(bytes)).toThrow(expect.objectContaining({ code: 'INDEX_VERSION' }));
  });
});

describe('BM25 scores against hand-computed values', () => {
  // d0: title "alpha" (boost 3) + "beta"     → alpha tf 3, beta tf 1;        length 4
  // d1: "alpha gamma gamma"                  → alpha 1, gamma 2;             length 3
  // d2: "beta gamma delta delta delta"       → beta 1, gamma 1, delta 3;     length 5
  // N = 3, average length 4; df alpha = beta = gamma = 2, delta = 1.
  const idx = Bm25Index.decode(
    buildBm25([
      { fields: [{ text: 'alpha', boost: 3 }, { text: 'beta', boost: 1 }] },
      { fields: [{ text: 'alpha gamma gamma', boost: 1 }] },
      { fields: [{ text: 'beta gamma delta delta delta', boost: 1 }] },
    ]),
  );
  const { k1, b } = DEFAULT_BM25;
  // Lucene idf ln(1 + (N - df + 0.5) / (df + 0.5)): df 2 → ln(1 + 1.5/2.5), df 1 → ln(1 + 2.5/1.5).
  const IDF2 = Math.log(1.6);
  const IDF1 = Math.log(8 / 3);
  const term = (idf: number, tf: number, length: number) => (idf * tf * (k1 + 1)) / (tf + k1 * (1 - b + (b * length) / 4));

  it('idf() is Lucene\'s non-negative idf, 0 for an absent term', () => {
    expect(idx.idf('alpha')).toBeCloseTo(IDF2, 12);
    expect(idx.idf('delta')).toBeCloseTo(IDF1, 12);
    expect(idx.idf('absent')).toBe(0);
  });

  it('scores one term with tf saturation and length normalisation, field boosts counted as tf and length', () => {
    const hits = idx.search({ terms: ['alpha'] }, 10);
    expect(hits.map((h) => h.id)).toEqual([0, 1]);
    expect(hits[0].score).toBeCloseTo(term(IDF2, 3, 4), 12);
    expect(hits[1].score).toBeCloseTo(term(IDF2, 1, 3), 12);
  });

  it('sums the terms of a query, the rarer term weighing more', () => {
    const hits = idx.search({ terms: ['gamma', 'delta'] }, 10);
    expect(hits.map((h) => h.id)).toEqual([2, 1]);
    expect(hits[0].score).toBeCloseTo(term(IDF2, 1, 5) + term(IDF1, 3, 5), 12);
    expect(hits[1].score).toBeCloseTo(term(IDF2, 2, 3), 12);
  });

  it('scores a typed query through the query tokenizer (case, punctuation and stop words dropped)', () => {
    const hits = search(idx, 'The Gamma, and DELTA!');
    expect(hits.map((h) => [h.id, h.score])).toEqual([
      [2, expect.closeTo(term(IDF2, 1, 5) + term(IDF1, 3, 5), 12)],
      [1, expect.closeTo(term(IDF2, 2, 3), 12)],
    ]);
  });
});

describe('Bm25Index.search', () => {
  it('weighs rare terms over common ones (idf)', () => {
    const idx = Bm25Index.decode(buildBm25([doc('common common rare'), doc('common common common'), doc('common rare'), doc('common')].map((d) => d)));
    const hits = idx.search({ terms: ['common', 'rare'] }, 4);
    expect(hits.slice(0, 2).map((h) => h.id).sort()).toEqual([0, 2]);
  });

  it('scales each term by its query weight', () => {
    const idx = Bm25Index.decode(buildBm25([doc('alpha'), doc('beta'), doc('gamma'), doc('delta')]));
    const plain = new Map(idx.search({ terms: ['alpha', 'beta'] }, 4).map((h) => [h.id, h.score]));
    expect(plain.get(0)).toBeCloseTo(plain.get(1)!);
    const weighted = new Map(idx.search({ terms: ['alpha', 'beta'], weights: [0.5, 1] }, 4).map((h) => [h.id, h.score]));
    expect(weighted.get(0)).toBeCloseTo(plain.get(0)! / 2);
    expect(weighted.get(1)).toBeCloseTo(plain.get(1)!);
    // Repeating a term is the same as weight 2; weight 0 drops it.
    const twice = idx.search({ terms: ['alpha', 'alpha'] }, 1)[0].score;
    expect(idx.search({ terms: ['alpha'], weights: [2] }, 1)[0].score).toBeCloseTo(twice);
    expect(idx.search({ terms: ['alpha'], weights: [0] }, 1)).toEqual([]);
  });

  it('saturates term frequency', () => {
    const idx = Bm25Index.decode(buildBm25([doc('wal ' + 'x '.repeat(20)), doc('wal wal ' + 'x '.repeat(19)), doc('wal '.repeat(20) + 'x'), doc('other'), doc('other2')]));
    const s = new Map(idx.search({ terms: ['wal'] }, 5).map((h) => [h.id, h.score]));
    const gain1 = s.get(1)! - s.get(0)!;
    const gainMany = s.get(2)! - s.get(1)!;
    expect(gain1).toBeGreaterThan(0);
    expect(gainMany / 18).toBeLessThan(gain1); // per extra occurrence, much less
    expect(s.get(2)! / s.get(0)!).toBeLessThan(2.2 + 1e-9); // bounded by (k1 + 1)
  });

  it('normalises by length', () => {
    const idx = Bm25Index.decode(buildBm25([doc('vacuum ' + 'filler '.repeat(200)), doc('vacuum tips'), doc('nothing'), doc('else')]));
    expect(idx.search({ terms: ['vacuum'] }, 2)[0].id).toBe(1);
  });

  it('ranks the passage that contains a literal first, title hits above body hits', () => {
    const docs = [
      doc('The size of the WAL, and max values in general.'),
      doc('Set max_wal_size to bound the WAL between checkpoints.'),
      doc('Checkpoints are written regularly.', 'max_wal_size'),
      doc('os.path.join joins paths'),
    ];
    const idx = Bm25Index.decode(buildBm25(docs));
    expect(search(idx, 'max_wal_size').map((h) => h.id).slice(0, 3)).toEqual([2, 1, 0]);
    expect(search(idx, 'os.path.join')[0].id).toBe(3);
  });

  it('finds inflected forms through the shared stemmer', () => {
    const idx = Bm25Index.decode(buildBm25([doc('Indexes speed up lookups'), doc('tables')]));
    expect(search(idx, 'index')[0].id).toBe(0);
  });

  it('applies k, filter and deterministic ties', () => {
    const idx = Bm25Index.decode(buildBm25(Array.from({ length: 10 }, () => doc('same text'))));
    const hits = idx.search({ terms: ['same'] }, 3, (id) => id % 2 === 1);
    expect(hits.map((h) => h.id)).toEqual([1, 3, 5]);
    expect(idx.search({ terms: ['absent'] }, 3)).toEqual([]);
    expect(idx.search({ terms: ['same'] }, 0)).toEqual([]);
  });

  it('handles an empty index', () => {
    const idx = Bm25Index.decode(buildBm25([]));
    expect(idx.search({ terms: ['x'] }, 5)).toEqual([]);
  });
});

describe('Bm25Index.search coverage (the evidence "no good match" weighs)', () => {
  const idx = Bm25Index.decode(buildBm25([doc('alpha beta gamma'), doc('alpha'), doc('beta gamma'), doc('zeta')]));

  it('is the share of the query weight a passage holds, words it lacks and unknown words included', () => {
    const hits = new Map(idx.search({ terms: ['alpha', 'beta', 'gamma', 'unknownword'] }, 4).map((h) => [h.id, h.coverage]));
    expect(hits.get(0)).toBeCloseTo(3 / 4);
    expect(hits.get(2)).toBeCloseTo(2 / 4);
    expect(hits.get(1)).toBeCloseTo(1 / 4);
    expect(hits.has(3)).toBe(false);
  });

  it('counts a term by its evidence weight when one is given (a near spelling counts half)', () => {
    const [hit] = idx.search({ terms: ['alpha', 'beta'], weights: [1, 1], evidence: [0.5, 1] }, 1);
    expect(hit.id).toBe(0);
    expect(hit.coverage).toBeCloseTo(1.5 / 2);
  });
});
