import { evaluateRun } from '../../core/metrics/evaluate.ts';
import type { SearchMode } from '../../core/search/types.ts';
import { openIndex } from '../../node/index.ts';
import { parseFlags, requireFlag } from './flags.ts';
import { readQueries } from './queries-file.ts';
import { QueryRunner } from '../../node/query-runner.ts';

type Scores = ReturnType<typeof evaluateRun>;

export async function runEval(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { index: { type: 'string' }, queries: { type: 'string' }, json: { type: 'boolean' } }, 'eval');
  const queries = await readQueries(requireFlag(values.queries, '--queries', 'eval'));
  const index = await openIndex(requireFlag(values.index, '--index', 'eval'));
  const runner = new QueryRunner(index);
  const modes: SearchMode[] = ['lexical', 'dense', 'hybrid'];
  const results: Record<string, Scores> = {};
  for (const mode of modes) results[mode] = evaluateRun(queries, await runner.rankAll(queries, mode));
  await index.close();
  if (values.json) process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
  else process.stdout.write(formatEvalTable(results, index.manifest.fusion ? `fusion: ${JSON.stringify(index.manifest.fusion)}` : 'fusion: defaults'));
  return 0;
}

/** A Markdown table: rows = slice (overall, each kind) × metric, columns = modes. */
export function formatEvalTable(results: Record<string, Scores>, note = ''): string {
  const modes = Object.keys(results);
  const first = results[modes[0]];
  const slices: Array<[string, (s: Scores) => { ndcg: number; recall: number; mrr: number; n: number }]> = [
    ['overall', (s) => s.overall],
    ...Object.keys(first.byKind).sort().map((kind) => [kind, (s: Scores) => s.byKind[kind]] as [string, (s: Scores) => Scores['overall']]),
  ];
  const lines = [`| slice (n) | metric | ${modes.join(' | ')} |`, `|---|---|${modes.map(() => '---:').join('|')}|`];
  for (const [name, pick] of slices) {
    for (const metric of ['ndcg', 'recall', 'mrr'] as const) {
      const label = { ndcg: 'nDCG@10', recall: 'Recall@10', mrr: 'MRR@10' }[metric];
      const values = modes.map((m) => pick(results[m])[metric]);
      const best = Math.max(...values);
      lines.push(`| ${name} (${pick(first).n}) | ${label} | ${values.map((v) => (v === best ? `**${v.toFixed(3)}**` : v.toFixed(3))).join(' | ')} |`);
    }
  }
  return `${lines.join('\n')}\n${note ? `\n${note}\n` : ''}`;
}
