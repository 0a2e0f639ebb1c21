import { byScoreThenId, type Hit } from '../rank/hit.ts';
import { canonicalHits } from './canonical-hits.ts';

/** The usual RRF constant (Cormack et al. 2009). */
export const RRF_K = 60;

/**
 * Reciprocal rank fusion: Σ over lists of 1 / (k + rank), rank from 1.
 * Ranks come from each list's scores (not its order), so input order does not matter.
 */
export function rrf(lists: ReadonlyArray<readonly Hit[]>, k = RRF_K): Hit[] {
  const sum = new Map<number, number>();
  for (const hits of lists) {
    canonicalHits(hits).forEach(({ id }, i) => {
      sum.set(id, (sum.get(id) ?? 0) + 1 / (k + i + 1));
    });
  }
  return [...sum].map(([id, score]) => ({ id, score })).sort(byScoreThenId);
}
