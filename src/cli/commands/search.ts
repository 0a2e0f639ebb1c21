import { QuarryError } from '../../core/errors.ts';
import { openIndex } from '../../node/index.ts';
import { parseFlags, parseMode, parseK } from './flags.ts';

export async function runSearch(args: string[]): Promise<number> {
  const { values, positionals } = parseFlags(args, { index: { type: 'string' }, mode: { type: 'string' }, k: { type: 'string' }, json: { type: 'boolean' } }, 'search');
  const query = positionals.join(' ').trim();
  if (!query) throw new QuarryError('BAD_OPTION', 'Give a query: `quarry search --index DIR "your question"`.');
  const options = { mode: parseMode(values.mode), k: parseK(values.k, 10) };
  const index = await openIndex(values.index ?? '_quarry');
  const response = await index.search(query, options);
  await index.close();
  if (values.json) {
    process.stdout.write(`${JSON.stringify(response, null, 2)}\n`);
    return 0;
  }
  const out = process.stdout;
  out.write(`${response.results.length} result(s) for "${query}" (${response.stage}, ${response.timings.totalMs.toFixed(0)} ms)\n\n`);
  response.results.forEach((page, i) => {
    out.write(`${String(i + 1).padStart(2)}. ${page.title}  [${page.score.toFixed(3)}]\n`);
    for (const p of page.passages) {
      out.write(`    ${p.href}${p.breadcrumb.length ? `  — ${p.breadcrumb.join(' › ')}` : ''}\n`);
      out.write(`      ${p.snippet.map((s) => (s.mark ? `[${s.text}]` : s.text)).join('')}\n`);
    }
  });
  return 0;
}
