/**
 * Model variants in the browser: query-encode latency of the fp32 model
 * (onnx/model.onnx) and the int8 one (onnx/model_quantized.onnx) in
 * Chromium, WASM, 1 thread, through transformers.js as worker/encoder.ts
 * sets it up (bench/pages/encoder.page.ts), plus their file sizes.
 */
import { existsSync } from 'node:fs';
import { mkdir, rm, symlink } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { bundleBenchPage, type BenchBrowser } from './browser.ts';
import type { Latency } from './browser.ts';
import { log, sizeOf, type Size } from './util.ts';

const REPO = resolve(import.meta.dirname, '..');
/** Where prepareDefaultModel (src/model/prepare.ts) converts the default model, both variants. */
export const MODEL_DIR = join(REPO, 'node_modules/.cache/quarry/models/quarry/all-MiniLM-L6-v2');
const ORT_DIST = join(REPO, 'node_modules/onnxruntime-web/dist');

export interface VariantRow {
  variant: string;
  dtype: 'fp32' | 'q8';
  file: string;
  size: Size;
  /** pipeline() until ready (fetch + WASM compile + session), ms. */
  loadMs: number;
  latency: Latency;
  /** Cosine of this variant's query vectors with fp32's, over the dev queries (fp32 row: 1). */
  cosine: { mean: number; min: number };
}

const VARIANTS = [
  { variant: 'fp32', dtype: 'fp32', file: 'onnx/model.onnx' },
  { variant: 'int8 (q8, what Quarry ships)', dtype: 'q8', file: 'onnx/model_quantized.onnx' },
] as const;

function cosine(a: number[], b: number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
}

export async function modelVariants(b: BenchBrowser, queries: string[], passes = 3): Promise<VariantRow[]> {
  for (const v of VARIANTS) {
    if (!existsSync(join(MODEL_DIR, v.file))) throw new Error(`${join(MODEL_DIR, v.file)} is missing (run \`quarry build\` once to convert the default model)`);
  }
  // Serve the converted model folder and onnxruntime-web's dist from the site, same origin.
  const models = join(b.site, '_bench/models/quarry');
  await mkdir(models, { recursive: true });
  await rm(join(models, 'all-MiniLM-L6-v2'), { recursive: true, force: true });
  await symlink(MODEL_DIR, join(models, 'all-MiniLM-L6-v2'));
  await rm(join(b.site, '_bench/ort'), { recursive: true, force: true });
  await symlink(ORT_DIST, join(b.site, '_bench/ort'));
  const page = await bundleBenchPage(b.site, 'encoder');

  const rows: VariantRow[] = [];
  let reference: number[][] | null = null;
  for (const v of VARIANTS) {
    log(`model variant ${v.variant}: load + 5 warm-up encodes, then ${queries.length} queries × ${passes} in Chromium (WASM, 1 thread)`);
    const r = await b.encodeLatency(`${page}?dtype=${v.dtype}`, queries, passes, queries);
    if (r.crossOriginIsolated) throw new Error('the encoder page is cross-origin isolated: 1-thread figures expected');
    reference ??= r.vectors;
    const cos = r.vectors.map((vec, i) => cosine(vec, reference![i]));
    rows.push({
      variant: v.variant,
      dtype: v.dtype,
      file: v.file,
      size: await sizeOf(MODEL_DIR, [v.file]),
      loadMs: r.loadMs,
      latency: r.latency,
      cosine: { mean: cos.reduce((a, c) => a + c, 0) / cos.length, min: Math.min(...cos) },
    });
  }
  return rows;
}
