import { describe, expect, it } from 'vitest';
import type { Calibration } from '../../../../src/core/format/manifest.ts';
import type { LexicalHit } from '../../../../src/core/lexical/bm25.ts';
import { cutTail, DENSE_BAND, holdBack, noGoodMatch } from '../../../../src/core/search/confidence.ts';

const spread = { count: 1, p05: 0, p50: 0, p95: 0, max: 0 };
const calibration: Calibration = { version: 1, denseFloor: 0.3, unknownWordsFloor: 0.42, noise: { offTopic: spread, madeUp: spread }, inDomain: spread, key: 'k' };

describe('noGoodMatch', () => {
  it('abstains when no passage holds most of the query and its meaning is below the floor', () => {
    expect(noGoodMatch({ coverage: 0.25, words: 4, nearest: 0.29 }, calibration)).toBe(true);
    expect(noGoodMatch({ coverage: 0.25, words: 4, nearest: 0.31 }, calibration)).toBe(false);
  });

  it('holds a query no word of which is known to the higher made-up-word floor', () => {
    expect(noGoodMatch({ coverage: 0, words: 2, nearest: 0.4 }, calibration)).toBe(true);
    expect(noGoodMatch({ coverage: 0, words: 2, nearest: 0.43 }, calibration)).toBe(false);
  });

  it('never abstains on keyword evidence: most of the words, or half of a long query, in one passage', () => {
    expect(noGoodMatch({ coverage: 0.6, words: 2, nearest: 0 }, calibration)).toBe(false);
    expect(noGoodMatch({ coverage: 0.5, words: 8, nearest: 0 }, calibration)).toBe(false);
    // One of two words is no evidence: "symptoms of a cold" on a site that says "cold standby".
    expect(noGoodMatch({ coverage: 0.5, words: 2, nearest: 0.2 }, calibration)).toBe(true);
  });

  it('never judges without meaning (the keyword stage) or without a calibration (an older index)', () => {
    expect(noGoodMatch({ coverage: 0, words: 2, nearest: null }, calibration)).toBe(false);
    expect(noGoodMatch({ coverage: 0, words: 2, nearest: 0.01 }, undefined)).toBe(false);
  });
});

const lex = (id: number, score: number, coverage: number): LexicalHit => ({ id, score, coverage });

describe('cutTail', () => {
  const dense = [
    { id: 1, score: 0.6 },
    { id: 2, score: 0.6 - DENSE_BAND + 0.01 },
    { id: 3, score: 0.6 - DENSE_BAND - 0.01 },
  ];
  const lexical = [lex(4, 10, 1), lex(5, 3, 0.5), lex(6, 2, 0.5)];
  const fused = [1, 4, 2, 5, 3, 6].map((id, i) => ({ id, score: 1 - i / 10 }));

  it('keeps passages close in meaning to the best one and real keyword hits, in fused order', () => {
    expect(cutTail(fused, lexical, dense).map((h) => h.id)).toEqual([1, 4, 2, 5]);
  });

  it('holds a lone literal to the keyword hits that have all of it, and meaning within half the band', () => {
    expect(cutTail(fused, lexical, dense, true).map((h) => h.id)).toEqual([1, 4]);
  });
});

describe('holdBack', () => {
  it('keeps only keyword hits holding most of the query while its meaning is unknown', () => {
    expect(holdBack([lex(1, 5, 1), lex(2, 9, 0.5), lex(3, 1, 0.75)]).map((h) => h.id)).toEqual([1, 3]);
  });
});
