/**
 * A lexical index split into a core and postings shards answers exactly as
 * the whole index does once the shards a query needs are in, and refuses
 * shards of another build.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Bm25Index, buildBm25, collectBm25, splitBm25, type Bm25Doc } from '../../../../src/core/lexical/bm25.ts';
import { queryTerms } from '../../../../src/core/text/tokenize.ts';

const doc = (text: string): Bm25Doc => ({ fields: [{ text, boost: 1 }] });
const WORDS = ['alpha', 'beta', 'gamma', 'max_wal_size', 'wal', 'walsender', 'zeta', 'x1', '検索', 'café'];

describe('splitBm25 / Bm25Index.addShard', () => {
  it('with every shard loaded, ranks as the whole index does, whatever the cuts', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 15 }),
        fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 1, max: 5 }),
        (texts, query, every) => {
          const docs = texts.map((t) => doc(t.join(' ')));
          const input = collectBm25(docs);
          const cuts = input.terms.map((_, i) => i).filter((i) => i % every === 0);
          const { core, shards } = splitBm25(input, cuts);
          const split = Bm25Index.decode(core);
          for (const s of shards) split.addShard(s.bytes);
          const whole = Bm25Index.decode(buildBm25(docs));
          const q = queryTerms(query.join(' '));
          expect(split.search(q, 10)).toEqual(whole.search(q, 10));
          expect(split.vocabulary()).toEqual(whole.vocabulary());
          expect(shards.map((s) => s.first)).toEqual(cuts.map((i) => input.terms[i]));
        },
      ),
      { numRuns: 80 },
    );
  });

  it('knows only the terms of the shards loaded so far, and completes from them', () => {
    const input = collectBm25(['alpha wal', 'walsender beta', 'zeta max_wal_size'].map(doc));
    const cut = input.terms.indexOf('wal');
    const { core, shards } = splitBm25(input, [0, cut]);
    const idx = Bm25Index.decode(core);
    expect(idx.hasTerm('wal')).toBe(false);
    expect(idx.search(queryTerms('walsender'), 5)).toEqual([]);
    idx.addShard(shards[1].bytes);
    expect(idx.hasTerm('walsender')).toBe(true);
    expect(idx.hasTerm('alpha')).toBe(false);
    expect(idx.complete('walse', 3)).toEqual(['walsender']);
    expect(idx.search(queryTerms('walsender'), 5).map((h) => h.id)).toEqual([1]);
  });

  it('refuses a shard of another build, and a core in place of a shard', () => {
    const mine = splitBm25(collectBm25(['alpha', 'beta'].map(doc)), [0]);
    const theirs = splitBm25(collectBm25(['alpha', 'beta', 'gamma'].map(doc)), [0]);
    const idx = Bm25Index.decode(mine.core);
    expect(() => idx.addShard(theirs.shards[0].bytes)).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT', message: expect.stringMatching(/two builds/) }));
    expect(() => idx.addShard(mine.core)).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT', message: expect.stringMatching(/core file/) }));
    expect(() => Bm25Index.decode(mine.shards[0].bytes)).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT', message: expect.stringMatching(/postings shard/) }));
  });
});
