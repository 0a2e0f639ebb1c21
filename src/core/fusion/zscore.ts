import type { Hit } from '../rank/hit.ts';
import { canonicalHits } from './canonical-hits.ts';

/**
 * Standard scores (score - mean) / stddev. A list with no spread maps to 1
 * for the same reason as minmax: presence must beat absence (0).
 */
export function zscore(hits: readonly Hit[]): Hit[] {
  const list = canonicalHits(hits);
  const n = list.length;
  if (n === 0) return list;
  let mean = 0;
  for (const h of list) mean += h.score;
  mean /= n;
  let variance = 0;
  for (const h of list) variance += (h.score - mean) ** 2;
  const sd = Math.sqrt(variance / n);
  return list.map(({ id, score }) => ({ id, score: sd > 0 ? (score - mean) / sd : 1 }));
}
