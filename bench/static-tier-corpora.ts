/**
 * Tier 1 against tier 2 on the real-site corpora (issue 15): each site is
 * built as shipped (bench/work/corpora/<name>/_quarry, reusing the vectors
 * of `npm run bench -- --corpora`), then its labelled queries are scored in
 * hybrid mode with the full model and with the static tier. Only aggregate
 * figures are printed.
 *   npx tsx bench/static-tier-corpora.ts [name,...]
 */
import { execFile } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { build } from '../build-index/build.ts';
import { resolveBuildOptions } from '../build-index/options.ts';
import { readQueries } from '../src/cli/commands/queries-file.ts';
import { evaluateRun } from '../src/core/metrics/evaluate.ts';
import type { DenseTier } from '../src/core/search/types.ts';
import { openIndex } from '../src/node/index.ts';
import { QueryRunner } from '../src/node/query-runner.ts';
import { silentReporter } from '../test/support/sample-site.ts';

const run = promisify(execFile);
const BENCH = resolve(import.meta.dirname);
const names = process.argv[2]?.split(',') ?? (await readdir(join(BENCH, 'corpora'), { withFileTypes: true })).filter((e) => e.isDirectory()).map((e) => e.name).sort();

console.log('| site | passages | full hybrid | static hybrid | ratio | static paraphrase/natural | full paraphrase/natural | static-tier build s | words | lists | nprobe |');
console.log('|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|');
for (const name of names) {
  const { stdout } = await run('bash', [join(BENCH, 'corpora', name, 'fetch.sh')], { maxBuffer: 1 << 20 });
  const root = stdout.trim().split('\n').at(-1)!;
  const outDir = join(BENCH, 'work', 'corpora', name, '_quarry');
  const summary = await build(await resolveBuildOptions(root, { outDir }), silentReporter);
  const queries = await readQueries(join(BENCH, 'corpora', name, 'queries.jsonl'));
  const score = async (tier: DenseTier) => {
    const index = await openIndex(outDir, { tier });
    try {
      return evaluateRun(queries, await new QueryRunner(index).rankAll(queries, 'hybrid'));
    } finally {
      await index.close();
    }
  };
  const [full, fast] = [await score('full'), await score('static')];
  const nl = (r: typeof full) => Object.entries(r.byKind).filter(([k]) => k !== 'literal' && k !== 'keyword').map(([k, v]) => `${k} ${v.ndcg.toFixed(2)}`).join(', ');
  const t = summary.staticTier!;
  console.log(`| ${name} | ${summary.passages} | ${full.overall.ndcg.toFixed(3)} | ${fast.overall.ndcg.toFixed(3)} | ${(fast.overall.ndcg / full.overall.ndcg).toFixed(2)} | ${nl(fast)} | ${nl(full)} | ${t.seconds.toFixed(0)}${t.reused ? ' (reused)' : ''} | ${t.words} | ${t.lists} | ${t.nprobe} |`);
}
