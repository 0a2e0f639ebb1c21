/** A scored passage, from either retriever or from fusion. */
export interface Hit {
  id: number;
  score: number;
}

/** Best first; equal scores by smaller id, so every ranking is deterministic. */
export function byScoreThenId(a: Hit, b: Hit): number {
  return b.score - a.score || a.id - b.id;
}
