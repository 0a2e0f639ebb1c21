/**
 * The static tier against the exhaustive scan and the full model (issue 15):
 * dev-set nDCG@10 (dense and hybrid) for the static encoder over the
 * exhaustive int8 scan and over IVF at each nprobe, passage recall@10 of IVF
 * against the exhaustive scan, and the list bytes a query fetches.
 *   npx tsx bench/static-tier.ts <indexDir> <queries.jsonl>
 */
import { readQueries } from '../src/cli/commands/queries-file.ts';
import { StaticTier } from '../src/core/load/static-tier.ts';
import { evaluateRun } from '../src/core/metrics/evaluate.ts';
import { fullDenseSide } from '../src/core/search/full-side.ts';
import type { DenseSide } from '../src/core/search/host.ts';
import { topK } from '../src/core/vector/topk.ts';
import { decodeCentroids } from '../src/core/vector/ivf-format.ts';
import { openIndex } from '../src/node/index.ts';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';

const [dir, queriesFile] = process.argv.slice(2);
const queries = await readQueries(queriesFile);
const index = await openIndex(dir);
const store = await index.engine.index.vectors();
const tier = new StaticTier(index.engine.index.source, index.manifest);
const side = tier.side();
const centroids = decodeCentroids(new Uint8Array(await readFile(join(dir, index.manifest.files.ivfCentroids!.path))), 'ivf');
const codeBytes = centroids.dims / centroids.sub / 2;

async function score(name: string, dense: DenseSide): Promise<void> {
  const row: string[] = [name];
  for (const mode of ['dense', 'hybrid'] as const) {
    const ranked = new Map<string, string[]>();
    for (const q of queries) {
      const r = await index.engine.search(q.query, { k: 10, mode, passagesPerPage: 1 }, { dense: async () => dense });
      ranked.set(q.id, r.results.map((p) => p.url));
    }
    const rep = evaluateRun(queries, ranked);
    row.push(rep.overall.ndcg.toFixed(3), ...['paraphrase', 'literal'].map((k) => rep.byKind[k]?.ndcg.toFixed(3) ?? '-'));
  }
  console.log(`| ${row.join(' | ')} |`);
}

console.log('| setting | dense | dense paraphrase | dense literal | hybrid | hybrid paraphrase | hybrid literal |');
console.log('|---|---:|---:|---:|---:|---:|---:|');
await score('full model, exhaustive', await index.dense('full'));
await score('static, exhaustive', { ...side, retrieve: (v, k, f) => topK(v, store, k, f) });
const nprobes = [2, 4, 6, 8, 12, 16, 24, 32, centroids.lists];
for (const nprobe of nprobes) await score(`static, IVF nprobe ${nprobe}${nprobe === index.manifest.staticTier!.nprobe ? ' (chosen)' : ''}`, { ...side, retrieve: (v, k, f) => tier.retrieve(v, k, f, nprobe) });

console.log('\n| nprobe | passage recall@10 vs exhaustive | list bytes per query (raw) |\n|---:|---:|---:|');
const vectors = await side.encoder.encode(queries.map((q) => q.query), 'query');
for (const nprobe of nprobes) {
  let recall = 0;
  let bytes = 0;
  for (const v of vectors) {
    const exact = new Set(topK(v, store, 10).map((h) => h.id));
    const got = await tier.retrieve(v, 10, undefined, nprobe);
    recall += got.filter((h) => exact.has(h.id)).length / Math.max(1, exact.size);
    const { nearestLists } = await import('../src/core/vector/ivf-search.ts');
    bytes += nearestLists(v, centroids, nprobe).reduce((s, l) => s + 16 + centroids.counts[l] * (4 + codeBytes), 0);
  }
  console.log(`| ${nprobe} | ${(recall / vectors.length).toFixed(3)} | ${Math.round(bytes / vectors.length)} |`);
}
await index.close();
void fullDenseSide;
