import { describe, expect, it } from 'vitest';
import { dedupePages } from '../../../../src/core/metrics/dedupe.ts';
import { evaluateRun } from '../../../../src/core/metrics/evaluate.ts';
import { reciprocalRankAt } from '../../../../src/core/metrics/mrr.ts';
import { ndcgAt } from '../../../../src/core/metrics/ndcg.ts';
import { recallAt } from '../../../../src/core/metrics/recall.ts';

const R = (...xs: string[]) => new Set(xs);

describe('ndcgAt', () => {
  it('matches hand-computed values', () => {
    // relevant at ranks 2 and 4 of |R| = 3: DCG = 1/log2(3) + 1/log2(5); IDCG = 1 + 1/log2(3) + 1/2
    const dcg = 1 / Math.log2(3) + 1 / Math.log2(5);
    const idcg = 1 + 1 / Math.log2(3) + 0.5;
    expect(ndcgAt(['x', 'a', 'y', 'b'], R('a', 'b', 'c'))).toBeCloseTo(dcg / idcg, 12);
    expect(ndcgAt(['a'], R('a'))).toBe(1);
    expect(ndcgAt([], R('a'))).toBe(0);
  });
  it('caps the ideal at 10 relevant pages and ignores ranks past 10', () => {
    const rel = Array.from({ length: 12 }, (_, i) => `p${i}`);
    expect(ndcgAt(rel, new Set(rel))).toBeCloseTo(1, 12);
    expect(ndcgAt([...Array(10).fill('x').map((x, i) => x + i), 'a'], R('a'))).toBe(0);
  });
});

describe('recallAt', () => {
  it('is the share of relevant pages in the top 10', () => {
    expect(recallAt(['a', 'x', 'b'], R('a', 'b', 'c', 'd'))).toBe(0.5);
  });
});

describe('reciprocalRankAt', () => {
  it('is 1 / rank of the first relevant page', () => {
    expect(reciprocalRankAt(['x', 'y', 'a'], R('a'))).toBeCloseTo(1 / 3);
    expect(reciprocalRankAt(['x'], R('a'))).toBe(0);
  });
});

describe('dedupePages', () => {
  it('strips anchors and keeps the first occurrence', () => {
    expect(dedupePages(['a.html#x', 'b.html', 'a.html#y', 'a.html', 'c.html#z'])).toEqual(['a.html', 'b.html', 'c.html']);
  });
});

describe('evaluateRun', () => {
  it('averages overall and by kind, scoring missing rankings 0', () => {
    const queries = [
      { id: 'q1', relevant: ['a.html'], kind: 'natural' },
      { id: 'q2', relevant: ['b.html#sec'], kind: 'literal' },
      { id: 'q3', relevant: ['c.html'], kind: 'literal' },
    ];
    const rankings = new Map([
      ['q1', ['a.html#top', 'a.html#other', 'x.html']],
      ['q2', ['x.html', 'x.html#2', 'b.html']],
    ]);
    const r = evaluateRun(queries, rankings);
    expect(r.byKind.natural).toEqual({ ndcg: 1, recall: 1, mrr: 1, n: 1 });
    // q2: b at deduped rank 2 → ndcg 1/log2(3), mrr 1/2; q3 missing → 0
    expect(r.byKind.literal.ndcg).toBeCloseTo(1 / Math.log2(3) / 2, 12);
    expect(r.byKind.literal.mrr).toBeCloseTo(0.25, 12);
    expect(r.byKind.literal.recall).toBeCloseTo(0.5, 12);
    expect(r.overall.n).toBe(3);
    expect(r.overall.mrr).toBeCloseTo(1.5 / 3, 12);
  });
});
