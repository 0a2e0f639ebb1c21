/**
 * Where a Quarry query's time goes: p50/p95 of each stage from
 * `SearchResponse.timings` (encode, dense scan, lexical, fusion, total), in
 * Node (`openIndex(dir).search`) and in Chromium through the real worker.
 */
import { openIndex } from '../src/node/index.ts';
import type { StageTimings } from './pages/bench-api.ts';
import { median, percentile } from './util.ts';

export const STAGES = ['encodeMs', 'denseMs', 'lexicalMs', 'fuseMs', 'totalMs', 'roundTripMs'] as const;
export type StageName = (typeof STAGES)[number];

export interface StageRow {
  where: string;
  /** Encoder threads as reported by the runtime (worker status) or configured. */
  threads: string;
  queries: number;
  passes: number;
  /** p50/p95 over queries of each query's median over the timed passes; null when the stage never ran. */
  stats: Record<StageName, { p50: number; p95: number } | null>;
  note?: string;
}

/** Per-query timings (passes × stages) and round trips → p50/p95 per stage. */
export function stageStats(perQuery: StageTimings[][], roundTrips: number[][]): StageRow['stats'] {
  const stats = {} as StageRow['stats'];
  for (const s of STAGES) {
    const medians: number[] = [];
    perQuery.forEach((passes, i) => {
      const values = s === 'roundTripMs' ? roundTrips[i] : passes.map((t) => t[s]).filter((v): v is number => typeof v === 'number');
      if (values.length) medians.push(median(values));
    });
    stats[s] = medians.length ? { p50: percentile(medians, 0.5), p95: percentile(medians, 0.95) } : null;
  }
  return stats;
}

/** Node: `openIndex(dir).search(q, { mode: 'hybrid' })`, model loaded first, `warmup` untimed passes, then `passes` timed ones. */
export async function nodeStages(dir: string, queries: string[], passes = 3, warmup = 1): Promise<StageRow> {
  const index = await openIndex(dir, { eagerModel: true });
  try {
    const timings: StageTimings[][] = queries.map(() => []);
    const trips: number[][] = queries.map(() => []);
    for (let p = 0; p < warmup + passes; p++) {
      for (let i = 0; i < queries.length; i++) {
        const t = performance.now();
        const r = await index.search(queries[i], { mode: 'hybrid', k: 10 });
        const dt = performance.now() - t;
        if (p < warmup) continue;
        if (r.stage !== 'hybrid') throw new Error(`Node hybrid search answered stage ${r.stage} for "${queries[i]}"`);
        timings[i].push(r.timings);
        trips[i].push(dt);
      }
    }
    return { where: 'Node (openIndex().search)', threads: 'onnxruntime-node default', queries: queries.length, passes, stats: stageStats(timings, trips) };
  } finally {
    await index.close();
  }
}
