/** BM25 constants; k1 and b apply at query time, so they are tunable without a rebuild. */
export interface Bm25Params {
  /** Term-frequency saturation. */
  k1: number;
  /** Length normalisation (0 = none, 1 = full). */
  b: number;
}

/**
 * Light length normalisation: passages are already chunked to ~200 words,
 * so length differences left are mostly reference tables and parameter lists,
 * exactly where identifiers and error codes are defined; full length
 * normalisation buried them (PostgreSQL dev set, lexical literal nDCG@10 0.894
 * → 0.898, paraphrase 0.258 → 0.267; hybrid literal 0.869 → 0.901 at weight 0.9).
 *
 * Those numbers were measured as "k1 1.2, b 0.5" while search divided a
 * passage's length by TF_SCALE but not the average, so the length ratio was
 * a quarter of the true one. k1(1 - b + b·r/4) with k1 1.2, b 0.5 is
 * 0.6 + 0.15·r = k1'(1 - b' + b'·r) with k1' 0.75, b' 0.2, and the numerator
 * (k1 + 1) only scales every score alike: with the ratio fixed, these values
 * rank exactly as the measured ones.
 */
export const DEFAULT_BM25: Readonly<Bm25Params> = Object.freeze({ k1: 0.75, b: 0.2 });

/** Field boosts are stored as integers in units of 1/TF_SCALE (boost 1.5 → 6/4). */
export const TF_SCALE = 4;
