import type { Hit } from '../rank/hit.ts';
import { canonicalHits } from './canonical-hits.ts';

/**
 * Scales scores to [0, 1] (best → 1, worst → 0). A list whose scores are all
 * equal maps to 1: every hit is as good as the best, and being present must
 * still beat being absent (absent counts as 0 in fusion).
 */
export function minmax(hits: readonly Hit[]): Hit[] {
  const list = canonicalHits(hits);
  if (list.length === 0) return list;
  const max = list[0].score;
  const min = list[list.length - 1].score;
  const range = max - min;
  return list.map(({ id, score }) => ({ id, score: range > 0 ? (score - min) / range : 1 }));
}
