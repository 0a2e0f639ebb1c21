import { METRIC_K } from './cutoff.ts';

/** Share of the relevant pages found in the top k (0 when nothing is relevant). */
export function recallAt(ranking: readonly string[], relevant: ReadonlySet<string>, k = METRIC_K): number {
  if (relevant.size === 0) return 0;
  let found = 0;
  const n = Math.min(k, ranking.length);
  for (let i = 0; i < n; i++) if (relevant.has(ranking[i])) found++;
  return found / relevant.size;
}
