import { dedupePages, pageOf } from './dedupe.ts';
import { ndcgAt } from './ndcg.ts';
import { recallAt } from './recall.ts';
import { reciprocalRankAt } from './mrr.ts';

export interface EvalQuery {
  id: string;
  /** Relevant page URLs (anchors are ignored). */
  relevant: string[];
  /** e.g. "natural", "literal", "paraphrase": reported separately. */
  kind: string;
}

export interface MetricSummary {
  ndcg: number;
  recall: number;
  mrr: number;
  /** Queries averaged. */
  n: number;
}

export interface EvalReport {
  overall: MetricSummary;
  byKind: Record<string, MetricSummary>;
}

function summarise(rows: Array<{ ndcg: number; recall: number; mrr: number }>): MetricSummary {
  const n = rows.length;
  if (n === 0) return { ndcg: 0, recall: 0, mrr: 0, n: 0 };
  let ndcg = 0;
  let recall = 0;
  let mrr = 0;
  for (const r of rows) {
    ndcg += r.ndcg;
    recall += r.recall;
    mrr += r.mrr;
  }
  return { ndcg: ndcg / n, recall: recall / n, mrr: mrr / n, n };
}

/**
 * nDCG/recall/MRR @10 with binary page-level relevance. Rankings may hold
 * `url#anchor`s and repeat pages: they are reduced to pages, first occurrence
 * kept. A query with no ranking (or an empty one) scores 0 on every metric.
 */
export function evaluateRun(queries: readonly EvalQuery[], rankings: ReadonlyMap<string, readonly string[]>): EvalReport {
  const all: Array<{ ndcg: number; recall: number; mrr: number }> = [];
  const kinds = new Map<string, Array<{ ndcg: number; recall: number; mrr: number }>>();
  for (const q of queries) {
    const relevant = new Set(q.relevant.map(pageOf));
    const ranking = dedupePages(rankings.get(q.id) ?? []);
    const row = { ndcg: ndcgAt(ranking, relevant), recall: recallAt(ranking, relevant), mrr: reciprocalRankAt(ranking, relevant) };
    all.push(row);
    let list = kinds.get(q.kind);
    if (list === undefined) kinds.set(q.kind, (list = []));
    list.push(row);
  }
  const byKind: Record<string, MetricSummary> = {};
  for (const [kind, rows] of [...kinds].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) byKind[kind] = summarise(rows);
  return { overall: summarise(all), byKind };
}
