import { METRIC_K } from './cutoff.ts';

/**
 * nDCG@k with binary relevance: DCG = Σ rel_i / log2(i + 1) over ranks
 * i = 1..k, divided by the ideal DCG over min(|relevant|, k) ranks.
 * `ranking` must already be page-deduplicated.
 */
export function ndcgAt(ranking: readonly string[], relevant: ReadonlySet<string>, k = METRIC_K): number {
  if (relevant.size === 0) return 0;
  let dcg = 0;
  const n = Math.min(k, ranking.length);
  for (let i = 0; i < n; i++) if (relevant.has(ranking[i])) dcg += 1 / Math.log2(i + 2);
  let ideal = 0;
  const m = Math.min(relevant.size, k);
  for (let i = 0; i < m; i++) ideal += 1 / Math.log2(i + 2);
  return dcg / ideal;
}
