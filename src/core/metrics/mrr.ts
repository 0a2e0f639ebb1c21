import { METRIC_K } from './cutoff.ts';

/** 1 / rank of the first relevant page within the top k, else 0. */
export function reciprocalRankAt(ranking: readonly string[], relevant: ReadonlySet<string>, k = METRIC_K): number {
  const n = Math.min(k, ranking.length);
  for (let i = 0; i < n; i++) if (relevant.has(ranking[i])) return 1 / (i + 1);
  return 0;
}
