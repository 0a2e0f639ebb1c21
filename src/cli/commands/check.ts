/**
 * `quarry check`: validates nearest-neighbour search against brute force
 * ("validate ANN against brute-force samples") and times both engines on the
 * index's own vectors. Queries are sampled passages with their own vector
 * left in (so the top hit is known) plus noise, and the real queries of a
 * query file when given.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { topK } from '../../core/vector/topk.ts';
import { buildVoyIndex, initVoy, voySearch } from './check-voy.ts';
import { decodeVectors, type VectorStore } from '../../core/vector/vectors-format.ts';
import { openIndex } from '../../node/index.ts';
import { parseFlags, parseK, requireFlag } from './flags.ts';
import { readQueries } from './queries-file.ts';

export interface CheckReport {
  vectors: number;
  dims: number;
  queries: number;
  exact: { recallAt10: number; p50Ms: number; p95Ms: number; startupMs: number; bytes: number };
  voy: { recallAt10: number; p50Ms: number; p95Ms: number; startupMs: number; heapBytes: number };
}

export async function runCheck(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { index: { type: 'string' }, samples: { type: 'string' }, queries: { type: 'string' }, json: { type: 'boolean' } }, 'check');
  const index = await openIndex(requireFlag(values.index, '--index', 'check'));
  const store = await index.engine.index.vectors();
  // Exact scan start-up = decoding the fetched file (typed-array views, no index to build).
  const vectorsFile = index.manifest.files.vectors.path;
  const bytes = new Uint8Array(await readFile(join(values.index!, vectorsFile)));
  const t = performance.now();
  decodeVectors(bytes);
  const decodeMs = performance.now() - t;
  const queries = sampleQueries(store, parseK(values.samples, 200));
  if (values.queries) for (const q of await readQueries(values.queries)) queries.push(await index.encodeQuery(q.query));
  await index.close();
  const report = await checkVectors(store, queries, decodeMs);
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const row = (name: string, r: CheckReport['exact'] | CheckReport['voy']) =>
      `| ${name} | ${r.recallAt10.toFixed(4)} | ${r.p50Ms.toFixed(2)} | ${r.p95Ms.toFixed(2)} | ${r.startupMs.toFixed(1)} |`;
    process.stdout.write(
      `${report.vectors} vectors × ${report.dims} dims, ${report.queries} queries; recall@10 against exact float brute force\n\n` +
        `| engine | recall@10 | p50 ms | p95 ms | start-up ms |\n|---|---:|---:|---:|---:|\n${row('exact int8 scan', report.exact)}\n${row('voy-search', report.voy)}\n` +
        `\nmemory: exact scan uses the ${(report.exact.bytes / 1e6).toFixed(1)} MB int8 file as is; voy grew the JS heap by ${(report.voy.heapBytes / 1e6).toFixed(1)} MB\n`,
    );
  }
  return 0;
}

export async function checkVectors(store: VectorStore, queries: Float32Array[], decodeMs = 0): Promise<CheckReport> {
  const truth = queries.map((q) => floatTopK(store, q, 10));

  const exactTimes: number[] = [];
  const exactHits = queries.map((q) => {
    const t = performance.now();
    const ids = topK(q, store, 10).map((h) => h.id);
    exactTimes.push(performance.now() - t);
    return ids;
  });

  const wasmPath = join(dirname(createRequire(import.meta.url).resolve('voy-search/voy_search_bg.js')), 'voy_search_bg.wasm');
  const heapBefore = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers;
  const t0 = performance.now();
  await initVoy(new Uint8Array(await readFile(wasmPath)));
  const voy = buildVoyIndex(store);
  const startup = performance.now() - t0;
  const heapBytes = process.memoryUsage().heapUsed + process.memoryUsage().arrayBuffers - heapBefore;
  const voyTimes: number[] = [];
  const voyHits = queries.map((q) => {
    const t = performance.now();
    const ids = voySearch(voy, q, 10);
    voyTimes.push(performance.now() - t);
    return ids;
  });
  voy.free();

  return {
    vectors: store.count,
    dims: store.dims,
    queries: queries.length,
    exact: { recallAt10: recall(truth, exactHits), ...percentiles(exactTimes), startupMs: decodeMs, bytes: store.values.byteLength + store.scales.byteLength },
    voy: { recallAt10: recall(truth, voyHits), ...percentiles(voyTimes), startupMs: startup, heapBytes },
  };
}

function floatTopK(store: VectorStore, q: Float32Array, k: number): number[] {
  const scores: Array<[number, number]> = [];
  for (let i = 0; i < store.count; i++) {
    let s = 0;
    for (let d = 0; d < store.dims; d++) s += q[d] * store.values[i * store.dims + d] * store.scales[i];
    scores.push([s, i]);
  }
  return scores.sort((a, b) => b[0] - a[0] || a[1] - b[1]).slice(0, k).map(([, i]) => i);
}

/** Deterministic samples: passage vectors with noise, so the neighbourhood is realistic but not trivial. */
export function sampleQueries(store: VectorStore, n: number): Float32Array[] {
  let seed = 42;
  const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const out: Float32Array[] = [];
  for (let j = 0; j < Math.min(n, store.count); j++) {
    const i = Math.floor(rand() * store.count);
    const q = new Float32Array(store.dims);
    let norm = 0;
    for (let d = 0; d < store.dims; d++) {
      q[d] = store.values[i * store.dims + d] * store.scales[i] + (rand() - 0.5) * 0.1;
      norm += q[d] * q[d];
    }
    norm = Math.sqrt(norm);
    for (let d = 0; d < store.dims; d++) q[d] /= norm;
    out.push(q);
  }
  return out;
}

function recall(truth: number[][], got: number[][]): number {
  let hit = 0;
  let total = 0;
  truth.forEach((t, i) => {
    const g = new Set(got[i]);
    hit += t.filter((x) => g.has(x)).length;
    total += t.length;
  });
  return total ? hit / total : 1;
}

function percentiles(times: number[]): { p50Ms: number; p95Ms: number } {
  const s = [...times].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))] ?? 0;
  return { p50Ms: at(0.5), p95Ms: at(0.95) };
}
