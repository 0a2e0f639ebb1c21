/**
 * Node encode throughput per ONNX variant of the default model.
 *   npx tsx bench/encode-dtypes.ts [--batch 16] [--passages 64] [--rounds 3] [--dtypes fp32,fp16,q8]
 * Rounds are interleaved (fp32, fp16, q8, fp32, …) and the median is
 * reported, so load from other processes skews all variants alike; CPU
 * seconds per passage are printed too, being less sensitive to contention.
 */
import { stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import type { ModelDtype } from '../src/core/format/manifest.ts';
import { createNodeEncoder } from '../src/node/encoder.ts';
import { ONNX_FILE_FOR_DTYPE } from '../src/model/layout.ts';
import { prepareDefaultModel } from '../src/model/prepare.ts';

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const batch = Number(arg('batch', '16'));
const count = Number(arg('passages', '64'));
const rounds = Number(arg('rounds', '3'));
const dtypes = arg('dtypes', 'fp32,fp16,q8').split(',') as ModelDtype[];

// Deterministic ~220-word documentation-like passages with varied vocabulary.
const vocab = (
  'the index is built at compile time and every passage is embedded with a small transformer so visitors find pages by meaning ' +
  'even when they do not know the exact words used in the documentation while lexical matching still catches identifiers error codes ' +
  'configuration options such as cache directory output folder include exclude patterns chunk size overlap and the model used for encoding ' +
  'authentication tokens expire after one hour refresh them with the endpoint deploy containers to kubernetes with a helm chart'
).split(' ');
let seed = 12345;
const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32);
const passages = Array.from({ length: count }, () => Array.from({ length: 220 }, () => vocab[Math.floor(rand() * vocab.length)]).join(' '));

const t0 = Date.now();
const model = await prepareDefaultModel({ cacheDir: join(tmpdir(), 'quarry-bench-models'), variants: ['fp32', 'fp16', 'q8'] });
console.log(`model ready in ${((Date.now() - t0) / 1000).toFixed(1)} s (${model.dir})`);
for (const d of dtypes) {
  const file = join(model.dir, ONNX_FILE_FOR_DTYPE[d as keyof typeof ONNX_FILE_FOR_DTYPE]);
  const raw = (await stat(file)).size;
  const gz = gzipSync(readFileSync(file), { level: 9 }).byteLength;
  console.log(`${d.padEnd(5)} ${ONNX_FILE_FOR_DTYPE[d as keyof typeof ONNX_FILE_FOR_DTYPE]}: ${(raw / 1e6).toFixed(1)} MB raw, ${(gz / 1e6).toFixed(1)} MB gzip -9`);
}

const encoders = new Map<ModelDtype, Awaited<ReturnType<typeof createNodeEncoder>>>();
for (const d of dtypes) {
  const e = await createNodeEncoder(model, { dtype: d, batchSize: batch });
  await e.encodeBatched(passages.slice(0, batch), 'passage'); // warm-up: first run allocates
  encoders.set(d, e);
}
const results = new Map<ModelDtype, { wall: number[]; cpu: number[] }>(dtypes.map((d) => [d, { wall: [], cpu: [] }]));
for (let r = 0; r < rounds; r++) {
  for (const d of dtypes) {
    const c0 = process.cpuUsage();
    const w0 = performance.now();
    await encoders.get(d)!.encodeBatched(passages, 'passage');
    const wall = (performance.now() - w0) / 1000;
    const c = process.cpuUsage(c0);
    results.get(d)!.wall.push(count / wall);
    results.get(d)!.cpu.push((c.user + c.system) / 1e6 / count);
  }
}
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1];
console.log(`\n${count} passages × 220 words, batch ${batch}, ${rounds} interleaved rounds, onnxruntime-node default threads`);
for (const d of dtypes) {
  const r = results.get(d)!;
  console.log(`${d.padEnd(5)} ${median(r.wall).toFixed(1)} passages/s (rounds: ${r.wall.map((x) => x.toFixed(1)).join(', ')}), ${(median(r.cpu) * 1000).toFixed(1)} CPU-ms/passage`);
}
for (const e of encoders.values()) await e.dispose?.();
