import { byScoreThenId, type Hit } from '../rank/hit.ts';

/** One hit per id (the best), best first; inputs in any order give the same list. */
export function canonicalHits(hits: readonly Hit[]): Hit[] {
  const best = new Map<number, number>();
  for (const { id, score } of hits) {
    if (!Number.isFinite(score)) continue;
    const prev = best.get(id);
    if (prev === undefined || score > prev) best.set(id, score);
  }
  return [...best].map(([id, score]) => ({ id, score })).sort(byScoreThenId);
}
