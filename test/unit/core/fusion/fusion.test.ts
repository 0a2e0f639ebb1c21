import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FUSION_DEFAULTS } from '../../../../src/core/fusion/defaults.ts';
import { fusionFor } from '../../../../src/core/fusion/literal-guard.ts';
import { minmax } from '../../../../src/core/fusion/minmax.ts';
import { rrf } from '../../../../src/core/fusion/rrf.ts';
import { fuse } from '../../../../src/core/fusion/weighted.ts';
import type { Hit } from '../../../../src/core/rank/hit.ts';
import { zscore } from '../../../../src/core/fusion/zscore.ts';

const hitsArb = fc.uniqueArray(fc.record({ id: fc.integer({ min: 0, max: 50 }), score: fc.double({ min: -10, max: 10, noNaN: true }) }), {
  selector: (h) => h.id,
  maxLength: 20,
});
const shuffle = <T>(xs: T[], seed: number): T[] => [...xs].sort((a, b) => ((JSON.stringify(a).length * 31 + seed) % 7) - ((JSON.stringify(b).length * 17 + seed) % 7));

describe('minmax', () => {
  it('maps into [0, 1] with the best at 1', () => {
    fc.assert(
      fc.property(hitsArb, (hits) => {
        const out = minmax(hits);
        for (const h of out) expect(h.score).toBeGreaterThanOrEqual(0), expect(h.score).toBeLessThanOrEqual(1);
        if (out.length) expect(out[0].score).toBe(1);
      }),
    );
  });
  it('maps a list of equal scores to 1', () => {
    expect(minmax([{ id: 3, score: 2 }, { id: 1, score: 2 }])).toEqual([{ id: 1, score: 1 }, { id: 3, score: 1 }]);
  });
});

describe('zscore', () => {
  it('centres on 0 with unit spread', () => {
    const out = zscore([{ id: 0, score: 1 }, { id: 1, score: 3 }]);
    expect(out).toEqual([{ id: 1, score: 1 }, { id: 0, score: -1 }]);
  });
});

describe('rrf', () => {
  it('sums 1 / (k + rank)', () => {
    const out = rrf([[{ id: 1, score: 9 }, { id: 2, score: 5 }], [{ id: 2, score: 0.9 }]], 60);
    expect(out[0]).toEqual({ id: 2, score: 1 / 62 + 1 / 61 });
    expect(out[1]).toEqual({ id: 1, score: 1 / 61 });
  });
});

describe('fuse', () => {
  const methods = ['minmax', 'zscore', 'rrf'] as const;

  it('ignores input order', () => {
    fc.assert(
      fc.property(hitsArb, hitsArb, fc.constantFrom(...methods), fc.integer(), (a, b, method, seed) => {
        const settings = { method, lexicalWeight: 0.3, rrfK: 60 };
        expect(fuse(shuffle(a, seed), shuffle(b, seed + 1), settings)).toEqual(fuse(a, b, settings));
      }),
    );
  });

  it('weights 0 and 1 reduce to a single list', () => {
    fc.assert(
      fc.property(hitsArb, hitsArb, (lex, dense) => {
        const ids = (hs: Hit[]) => hs.map((h) => h.id);
        expect(ids(fuse(lex, dense, { method: 'minmax', lexicalWeight: 1, rrfK: 60 }))).toEqual(ids(minmax(lex)));
        expect(ids(fuse(lex, dense, { method: 'minmax', lexicalWeight: 0, rrfK: 60 }))).toEqual(ids(minmax(dense)));
      }),
    );
  });

  it('counts a missing hit as 0 and combines linearly', () => {
    const out = fuse([{ id: 1, score: 10 }, { id: 2, score: 0 }], [{ id: 2, score: 0.8 }, { id: 3, score: 0.4 }], { method: 'minmax', lexicalWeight: 0.3, rrfK: 60 });
    expect(out).toEqual([
      { id: 2, score: 0.7 },
      { id: 1, score: 0.3 },
      { id: 3, score: 0 },
    ]);
  });

  it('breaks ties by id', () => {
    const out = fuse([{ id: 5, score: 1 }], [{ id: 4, score: 1 }], { method: 'minmax', lexicalWeight: 0.5, rrfK: 60 });
    expect(out.map((h) => h.id)).toEqual([4, 5]);
  });
});

describe('fusionFor', () => {
  it.each(['max_wal_size', 'os.path.join', 'SQLSTATE 23505', '--no-cache', 'E1042'])('uses the literal weight for %s', (q) => {
    expect(fusionFor(q, FUSION_DEFAULTS)).toEqual({ method: 'minmax', lexicalWeight: FUSION_DEFAULTS.literalLexicalWeight, rrfK: 60 });
  });
  it('keeps the normal weight for natural language', () => {
    expect(fusionFor('how do I make lookups faster', FUSION_DEFAULTS).lexicalWeight).toBe(FUSION_DEFAULTS.lexicalWeight);
  });
  it('has frozen defaults', () => {
    expect(Object.isFrozen(FUSION_DEFAULTS)).toBe(true);
  });
});
