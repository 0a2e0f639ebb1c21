import { openIndex } from '../../node/index.ts';
import { parseFlags, parseK, parseMode, requireFlag } from './flags.ts';
import { readQueries } from './queries-file.ts';
import { QueryRunner } from '../../node/query-runner.ts';

export async function runQuery(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { index: { type: 'string' }, queries: { type: 'string' }, mode: { type: 'string' }, k: { type: 'string' } }, 'query');
  const mode = parseMode(values.mode);
  const k = parseK(values.k, 50);
  const indexDir = requireFlag(values.index, '--index', 'query');
  const queries = await readQueries(requireFlag(values.queries, '--queries', 'query'));
  const index = await openIndex(indexDir);
  const runner = new QueryRunner(index);
  for (const q of queries) {
    // One passage per page: the url carries the best passage's anchor.
    const response = await runner.search(q.query, { mode, k, passagesPerPage: 1 });
    const results = response.results.map((page) => {
      const best = page.passages[0];
      return { url: best?.href ?? page.url, score: round(page.score), title: page.title, anchor: best?.anchor ?? '' };
    });
    process.stdout.write(`${JSON.stringify({ id: q.id, results })}\n`);
  }
  await index.close();
  return 0;
}

function round(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}
