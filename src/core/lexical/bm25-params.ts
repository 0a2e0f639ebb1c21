/** BM25 constants; k1 and b apply at query time, so they are tunable without a rebuild. */
export interface Bm25Params {
  /** Term-frequency saturation. */
  k1: number;
  /** Length normalisation (0 = none, 1 = full). */
  b: number;
}

export const DEFAULT_BM25: Readonly<Bm25Params> = Object.freeze({ k1: 1.2, b: 0.75 });

/** Field boosts are stored as integers in units of 1/TF_SCALE (boost 1.5 → 6/4). */
export const TF_SCALE = 4;
