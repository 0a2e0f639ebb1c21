import { readFile } from 'node:fs/promises';
import { QuarryError } from '../../core/errors.ts';
import { evaluateRun } from '../../core/metrics/evaluate.ts';
import type { SearchMode } from '../../core/search/types.ts';
import { openIndex, type QuarryIndex } from '../../node/index.ts';
import { parseFlags, parseTier, requireFlag } from './flags.ts';
import { readQueries, type LabelledQuery } from './queries-file.ts';
import { QueryRunner } from '../../node/query-runner.ts';

type Scores = ReturnType<typeof evaluateRun>;

export async function runEval(args: string[]): Promise<number> {
  const { values } = parseFlags(
    args,
    { index: { type: 'string' }, tier: { type: 'string' }, queries: { type: 'string' }, unanswerable: { type: 'string', multiple: true }, answers: { type: 'boolean' }, json: { type: 'boolean' } },
    'eval',
  );
  const queries = await readQueries(requireFlag(values.queries, '--queries', 'eval'));
  const unanswerable = await Promise.all((values.unanswerable ?? []).map(async (file) => ({ file, queries: await readQueryLines(file) })));
  const tier = parseTier(values.tier);
  const index = await openIndex(requireFlag(values.index, '--index', 'eval'), { tier });
  const runner = new QueryRunner(index);
  const modes: SearchMode[] = ['lexical', 'dense', 'hybrid'];
  const results: Record<string, Scores> = {};
  for (const mode of modes) results[mode] = evaluateRun(queries, await runner.rankAll(queries, mode));
  // "No good match", as the widget decides it (hybrid): never for a labelled query, always for an unanswerable one.
  const noMatch = [{ file: '--queries (labelled: should answer)', queries: queries.map((q) => q.query) }, ...unanswerable].map(({ file, queries: qs }) => ({
    set: file,
    queries: qs.length,
    noMatch: 0,
    examples: [] as string[],
  }));
  for (const [i, set] of [queries.map((q) => q.query), ...unanswerable.map((u) => u.queries)].entries()) {
    for (const q of set) {
      const r = await runner.search(q, { mode: 'hybrid', k: 10 });
      const abstained = Boolean(r.noMatch);
      if (abstained) noMatch[i].noMatch++;
      // Examples of what went wrong: a labelled query abstained, or an unanswerable one answered.
      if (abstained === (i === 0) && noMatch[i].examples.length < 8) noMatch[i].examples.push(q);
    }
  }
  // The card needs the model: a static-tier visitor never gets one.
  const cards = tier === 'full' ? await answerCards(index, runner, queries) : [];
  await index.close();
  if (values.json) process.stdout.write(`${JSON.stringify({ ...results, noMatch, answerCards: cards }, null, 2)}\n`);
  else {
    process.stdout.write(formatEvalTable(results, `tier: ${tier}; ${index.manifest.fusion ? `fusion: ${JSON.stringify(index.manifest.fusion)}` : 'fusion: defaults'}`));
    process.stdout.write(`\n${formatCards(cards, Boolean(values.answers))}`);
    // Each tier has its own floors: the static encoder's cosines live on another scale than the model's.
    const calibration = tier === 'static' ? index.manifest.staticTier?.calibration : index.manifest.calibration;
    process.stdout.write(`\n${formatNoMatchTable(noMatch, calibration ? `calibration (${tier} tier): denseFloor ${calibration.denseFloor}, unknownWordsFloor ${calibration.unknownWordsFloor}` : `no ${tier}-tier calibration in this index (built before Quarry had one): "no good match" is never shown`)}`);
  }
  return 0;
}

interface CardRow {
  id: string;
  query: string;
  card: { text: string; href: string; onRelevantPage: boolean } | null;
}

/** The answer card of each question and paraphrase query, and whether it quotes a relevant page. */
async function answerCards(index: QuarryIndex, runner: QueryRunner, queries: readonly LabelledQuery[]): Promise<CardRow[]> {
  const rows: CardRow[] = [];
  for (const q of queries.filter((x) => x.kind === 'question' || x.kind === 'paraphrase')) {
    const r = await runner.search(q.query, { mode: 'hybrid', k: 10 });
    const ids = r.results.flatMap((p) => p.passages.map((h) => ({ id: h.id, score: h.score }))).sort((a, b) => b.score - a.score).map((h) => h.id);
    const card = await index.answer(q.query, ids);
    const page = card ? card.href.split('#')[0] : '';
    rows.push({ id: q.id, query: q.query, card: card && { text: card.text, href: card.href, onRelevantPage: q.relevant.some((rel) => rel.split('#')[0] === page) } });
  }
  return rows;
}

function formatCards(rows: readonly CardRow[], list: boolean): string {
  const shown = rows.filter((r) => r.card);
  const onRelevant = shown.filter((r) => r.card!.onRelevantPage).length;
  const head = `Answer cards (question and paraphrase queries): ${shown.length} of ${rows.length} shown, ${onRelevant} of them quoting a relevant page.\n`;
  if (!list) return head;
  return `${head}${rows.map((r) => `\n- ${r.id} ${r.query}\n  ${r.card ? `${r.card.onRelevantPage ? '✓' : '✗'} ${r.card.href}\n  “${r.card.text}”` : '(no card)'}`).join('')}\n`;
}

/** A plain list, one query per line (blank lines and `# ` comments skipped; `#$%` is a query). */
async function readQueryLines(file: string): Promise<string[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    throw new QuarryError('BAD_OPTION', `Cannot read queries file ${file}: ${(e as Error).message}.`);
  }
  return text.split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('# '));
}

function formatNoMatchTable(rows: Array<{ set: string; queries: number; noMatch: number; examples: string[] }>, note: string): string {
  const lines = ['| set | queries | "no good match" | share |', '|---|---:|---:|---:|'];
  for (const r of rows) lines.push(`| ${r.set} | ${r.queries} | ${r.noMatch} | ${r.queries ? ((100 * r.noMatch) / r.queries).toFixed(1) : '0.0'}% |`);
  const wrong = rows.flatMap((r, i) => r.examples.map((q) => `- ${i === 0 ? 'abstained on a labelled query' : `answered (${r.set})`}: ${q}`));
  return `${lines.join('\n')}\n\n${note}\n${wrong.length ? `\n${wrong.join('\n')}\n` : ''}`;
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
