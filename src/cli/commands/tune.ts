/**
 * Grid search over fusion settings on labelled queries. Literal-looking and
 * natural-language queries get separate weights (the literal guard), so the
 * two are tuned independently on their own subsets; the method is shared.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FusionMethod, FusionSettings, Manifest } from '../../core/format/manifest.ts';
import { FUSION_DEFAULTS } from '../../core/fusion/defaults.ts';
import { evaluateRun } from '../../core/metrics/evaluate.ts';
import { looksLiteral } from '../../core/text/tokenize.ts';
import { openIndex } from '../../node/index.ts';
import { parseFlags, requireFlag } from './flags.ts';
import { readQueries, type LabelledQuery } from './queries-file.ts';
import { QueryRunner } from './run-queries.ts';
import { writeFileAtomic } from '../../../build-index/write/atomic-file.ts';

const METHODS: FusionMethod[] = ['minmax', 'zscore', 'rrf'];
const WEIGHTS = Array.from({ length: 11 }, (_, i) => i / 10);

export async function runTune(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { index: { type: 'string' }, queries: { type: 'string' }, 'dry-run': { type: 'boolean' } }, 'tune');
  const dir = requireFlag(values.index, '--index', 'tune');
  const queries = await readQueries(requireFlag(values.queries, '--queries', 'tune'));
  const index = await openIndex(dir);
  const runner = new QueryRunner(index);
  const literal = queries.filter((q) => looksLiteral(q.query));
  const natural = queries.filter((q) => !looksLiteral(q.query));

  const score = async (subset: LabelledQuery[], method: FusionMethod, w: number) => {
    if (!subset.length) return 0;
    const runs = await runner.rankAll(subset, 'hybrid', { fusion: method, lexicalWeight: w });
    return evaluateRun(subset, runs).overall.ndcg;
  };

  let best: { settings: FusionSettings; ndcg: number } | null = null;
  for (const method of METHODS) {
    const weights = method === 'rrf' ? [0.5] : WEIGHTS;
    const bestFor = async (subset: LabelledQuery[], fallback: number) => {
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
    const ndcg = (nat.ndcg * natural.length + lit.ndcg * literal.length) / queries.length;
    process.stdout.write(`${method.padEnd(7)} nDCG@10 ${ndcg.toFixed(4)}  (lexical weight ${nat.w.toFixed(1)} natural-language, ${lit.w.toFixed(1)} literal)\n`);
    if (!best || ndcg > best.ndcg + 1e-9) {
      best = { ndcg, settings: { ...FUSION_DEFAULTS, method, lexicalWeight: nat.w, literalLexicalWeight: lit.w } };
    }
  }
  await index.close();
  if (!best) return 1;
  process.stdout.write(`\nbest: ${JSON.stringify(best.settings)} (nDCG@10 ${best.ndcg.toFixed(4)} on ${queries.length} queries)\n`);
  if (values['dry-run']) return 0;
  const file = join(dir, 'manifest.json');
  const manifest = JSON.parse(await readFile(file, 'utf8')) as Manifest;
  manifest.fusion = best.settings;
  await writeFileAtomic(file, JSON.stringify(manifest, null, 1));
  process.stdout.write(`stored in ${file}\n`);
  return 0;
}
