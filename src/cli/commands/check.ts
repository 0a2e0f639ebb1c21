/**
 * `quarry check`: validates the index's nearest-neighbour search against an
 * exact float32 brute force ("validate ANN against brute-force samples") and
 * times both engines.
 *
 * The ground truth must not come from the int8 vectors being checked (that
 * compares the scan with itself): a sample of passages is re-encoded with the
 * index's model, and the truth is the exact float32 top 10 within that
 * sample. The int8 scan and voy-search are restricted to the same sample.
 * Queries are the sampled passages' float vectors plus noise (so the
 * neighbourhood is realistic but not trivial), and the real queries of a
 * query file when given.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { encoderInput } from '../../../build-index/encode/encode-passages.ts';
import type { LoadedIndex } from '../../core/load/open-index.ts';
import { topK } from '../../core/vector/topk.ts';
import { decodeVectors, type VectorStore } from '../../core/vector/vectors-format.ts';
import { openIndex, type QuarryIndex } from '../../node/index.ts';
import { buildVoyIndex, initVoy, voySearch } from './check-voy.ts';
import { parseFlags, parseK, requireFlag } from './flags.ts';
import { readQueries } from './queries-file.ts';

/**
 * The manifest does not record `--fields`, so passages are re-encoded from
 * the build's default encoder input; `agreement` shows when an index was
 * built otherwise (its cosines drop well below 0.99).
 */
const ENCODE_FIELDS: Array<'title' | 'breadcrumb' | 'text'> = ['title', 'breadcrumb', 'text'];
const ENCODE_BATCH = 16;

interface EngineReport {
  recallAt10: number;
  p50Ms: number;
  p95Ms: number;
  startupMs: number;
}

export interface CheckReport {
  /** Passages in the index. */
  vectors: number;
  dims: number;
  /** Passages re-encoded as float32 ground truth (truth and scans are within this sample). */
  sample: number;
  queries: number;
  /** Cosine between each re-encoded float vector and its stored int8 row. */
  agreement: { meanCosine: number; minCosine: number };
  exact: EngineReport & { bytes: number };
  voy: EngineReport & { heapBytes: number };
}

export async function runCheck(args: string[]): Promise<number> {
  const { values } = parseFlags(args, { index: { type: 'string' }, samples: { type: 'string' }, queries: { type: 'string' }, json: { type: 'boolean' } }, 'check');
  const dir = requireFlag(values.index, '--index', 'check');
  const index = await openIndex(dir);
  let report: CheckReport;
  try {
    const queries: Float32Array[] = [];
    if (values.queries) for (const q of await readQueries(values.queries)) queries.push(await index.encodeQuery(q.query));
    report = await checkIndex(index, { samples: parseK(values.samples, 200), queries });
    // Exact scan start-up = decoding the fetched file (typed-array views, no index to build).
    const bytes = new Uint8Array(await readFile(join(dir, index.manifest.files.vectors.path)));
    const t = performance.now();
    decodeVectors(bytes);
    report.exact.startupMs = performance.now() - t;
  } finally {
    await index.close();
  }
  if (values.json) {
    process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  } else {
    const row = (name: string, r: EngineReport) => `| ${name} | ${r.recallAt10.toFixed(4)} | ${r.p50Ms.toFixed(2)} | ${r.p95Ms.toFixed(2)} | ${r.startupMs.toFixed(1)} |`;
    process.stdout.write(
      `${report.vectors} vectors × ${report.dims} dims; ${report.sample} passages re-encoded as float32 ground truth, ${report.queries} queries; ` +
        `recall@10 against the exact float32 top 10 within that sample\n` +
        `int8 rows vs re-encoded float32: mean cosine ${report.agreement.meanCosine.toFixed(4)}, min ${report.agreement.minCosine.toFixed(4)}\n\n` +
        `| engine | recall@10 | p50 ms | p95 ms | start-up ms |\n|---|---:|---:|---:|---:|\n${row('exact int8 scan', report.exact)}\n${row('voy-search', report.voy)}\n` +
        `\nmemory: the exact scan uses the ${(report.exact.bytes / 1e6).toFixed(1)} MB int8 file as is; voy grew the JS heap by ${(report.voy.heapBytes / 1e6).toFixed(1)} MB for the sample\n`,
    );
  }
  return 0;
}

/**
 * Re-encodes `samples` passages of an open index as float32 and checks the
 * int8 scan and voy against their exact top 10. Queries: each sampled
 * passage plus noise (unless `noisy` is false), then `queries`.
 */
export async function checkIndex(index: QuarryIndex, options: { samples: number; queries?: Float32Array[]; noisy?: boolean }): Promise<CheckReport> {
  const loaded = index.engine.index;
  const store = await loaded.vectors();
  const ids = sampleIds(store.count, options.samples);
  const inputs = await Promise.all(ids.map((id) => passageInput(loaded, id)));
  const truth: Float32Array[] = [];
  for (let i = 0; i < inputs.length; i += ENCODE_BATCH) truth.push(...(await index.encodePassages(inputs.slice(i, i + ENCODE_BATCH))));
  const queries = [...(options.noisy === false ? [] : noisyQueries(truth)), ...(options.queries ?? [])];
  const report = await checkVectors(subset(store, ids), truth, queries);
  return { ...report, vectors: store.count, exact: { ...report.exact, bytes: store.values.byteLength + store.scales.byteLength } };
}

/**
 * Recall of the int8 scan and of voy over `store` against the exact float32
 * top 10 over `truth` (row i of `truth` is the float vector row i of `store`
 * was quantised from).
 */
export async function checkVectors(store: VectorStore, truth: Float32Array[], queries: Float32Array[]): Promise<CheckReport> {
  const expected = queries.map((q) => floatTopK(truth, q, 10));

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
    sample: truth.length,
    queries: queries.length,
    agreement: agreement(store, truth),
    exact: { recallAt10: recall(expected, exactHits), ...percentiles(exactTimes), startupMs: 0, bytes: store.values.byteLength + store.scales.byteLength },
    voy: { recallAt10: recall(expected, voyHits), ...percentiles(voyTimes), startupMs: startup, heapBytes },
  };
}

/** What the build fed the encoder for passage `id`. */
async function passageInput(index: LoadedIndex, id: number): Promise<string> {
  const { title, breadcrumb, text } = await index.passage(id);
  return encoderInput({ title, breadcrumb, text } as Parameters<typeof encoderInput>[0], ENCODE_FIELDS);
}

/** The int8 rows `ids`, as a store of their own (row i = passage ids[i]). */
function subset(store: VectorStore, ids: number[]): VectorStore {
  const values = new Int8Array(ids.length * store.dims);
  const scales = new Float32Array(ids.length);
  ids.forEach((id, i) => {
    values.set(store.values.subarray(id * store.dims, (id + 1) * store.dims), i * store.dims);
    scales[i] = store.scales[id];
  });
  return { count: ids.length, dims: store.dims, values, scales };
}

function floatTopK(rows: Float32Array[], q: Float32Array, k: number): number[] {
  return rows
    .map((v, i): [number, number] => [dot(q, v), i])
    .sort((a, b) => b[0] - a[0] || a[1] - b[1])
    .slice(0, k)
    .map(([, i]) => i);
}

function agreement(store: VectorStore, truth: Float32Array[]): CheckReport['agreement'] {
  let sum = 0;
  let min = truth.length ? Infinity : 1;
  truth.forEach((v, i) => {
    const row = Float32Array.from(store.values.subarray(i * store.dims, (i + 1) * store.dims), (x) => x * store.scales[i]);
    const c = dot(v, row) / (Math.sqrt(dot(v, v) * dot(row, row)) || 1);
    sum += c;
    min = Math.min(min, c);
  });
  return { meanCosine: truth.length ? sum / truth.length : 1, minCosine: min };
}

function dot(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let d = 0; d < a.length; d++) s += a[d] * b[d];
  return s;
}

/** Deterministic rand, so two runs of `quarry check` sample the same passages. */
function seeded(seed = 42): () => number {
  return () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
}

/** Up to `n` distinct passage ids, in ascending order. */
export function sampleIds(count: number, n: number): number[] {
  const rand = seeded();
  const picked = new Set<number>();
  if (n >= count) return Array.from({ length: count }, (_, i) => i);
  while (picked.size < n) picked.add(Math.floor(rand() * count));
  return [...picked].sort((a, b) => a - b);
}

/** Each vector plus noise, renormalised. */
export function noisyQueries(vectors: Float32Array[]): Float32Array[] {
  const rand = seeded();
  return vectors.map((v) => {
    const q = Float32Array.from(v, (x) => x + (rand() - 0.5) * 0.1);
    const norm = Math.sqrt(dot(q, q)) || 1;
    return q.map((x) => x / norm);
  });
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
