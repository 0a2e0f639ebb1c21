/**
 * Grid search over fusion settings on labelled queries. Literal-looking and
 * natural-language queries get separate weights (the literal guard), so the
 * two are tuned independently on their own subsets; the method is shared.
 */
import type { FusionMethod, FusionSettings } from '../core/format/manifest.ts';
import { FUSION_DEFAULTS } from '../core/fusion/defaults.ts';
import { evaluateRun, type EvalQuery } from '../core/metrics/evaluate.ts';
import { looksLiteral } from '../core/text/tokenize.ts';
import type { QuarryIndex } from './index.ts';
import { QueryRunner, type RunnableQuery } from './query-runner.ts';

export type TuneQuery = EvalQuery & RunnableQuery;

export interface TunedFusion {
  settings: FusionSettings;
  /** nDCG@10 over all queries with these settings. */
  ndcg: number;
}

const METHODS: FusionMethod[] = ['minmax', 'zscore', 'rrf'];
const WEIGHTS = Array.from({ length: 11 }, (_, i) => i / 10);

/** The best fusion for these queries on this index; `onMethod` hears each method's best. */
export async function tuneFusion(index: QuarryIndex, queries: readonly TuneQuery[], options: { onMethod?: (result: TunedFusion) => void } = {}): Promise<TunedFusion> {
  const runner = new QueryRunner(index);
  const literal = queries.filter((q) => looksLiteral(q.query));
  const natural = queries.filter((q) => !looksLiteral(q.query));

  const score = async (subset: TuneQuery[], method: FusionMethod, w: number) => {
    if (!subset.length) return 0;
    const runs = await runner.rankAll(subset, 'hybrid', { fusion: method, lexicalWeight: w });
    return evaluateRun(subset, runs).overall.ndcg;
  };

  let best: TunedFusion | null = null;
  for (const method of METHODS) {
    const weights = method === 'rrf' ? [0.5] : WEIGHTS;
    const bestFor = async (subset: TuneQuery[], fallback: number) => {
      let top = { w: weights[0], ndcg: -1 };
      for (const w of weights) {
        const ndcg = await score(subset, method, w);
        // Ties go to the weight closest to the default: fewer surprises on unseen queries.
        const tie = Math.abs(ndcg - top.ndcg) <= 1e-9 && Math.abs(w - fallback) < Math.abs(top.w - fallback);
        if (ndcg > top.ndcg + 1e-9 || tie) top = { w, ndcg };
      }
      return top;
    };
    const nat = await bestFor(natural, FUSION_DEFAULTS.lexicalWeight);
    const lit = await bestFor(literal, FUSION_DEFAULTS.literalLexicalWeight);
    const result = {
      ndcg: (nat.ndcg * natural.length + lit.ndcg * literal.length) / queries.length,
      settings: { ...FUSION_DEFAULTS, method, lexicalWeight: nat.w, literalLexicalWeight: lit.w },
    };
    options.onMethod?.(result);
    if (!best || result.ndcg > best.ndcg + 1e-9) best = result;
  }
  return best!;
}
