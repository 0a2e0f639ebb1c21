/**
 * Browser page for the model-variant comparison: transformers.js used
 * directly, set up like worker/encoder.ts (same-origin model folder as a
 * path, no remote models, no browser/WASM caches, the plain SIMD runtime
 * from the site, 1 thread, no proxy worker). ?dtype=fp32|q8 picks
 * onnx/model.onnx or onnx/model_quantized.onnx; `search` encodes one query.
 */
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import { installBench } from './bench-api.ts';

const params = new URLSearchParams(location.search);
const dtype = (params.get('dtype') ?? 'q8') as 'fp32' | 'q8';
const modelId = params.get('model') ?? 'quarry/all-MiniLM-L6-v2';
const runtime = params.get('ort') ?? '/_bench/ort/';

env.allowRemoteModels = false;
env.allowLocalModels = true;
env.localModelPath = params.get('models') ?? '/_bench/models/';
env.useBrowserCache = false;
env.useWasmCache = false;
const onnx = env.backends.onnx as { wasm?: { wasmPaths?: unknown; numThreads?: number; proxy?: boolean } };
if (onnx.wasm) {
  onnx.wasm.wasmPaths = { mjs: new URL('ort-wasm-simd-threaded.mjs', new URL(runtime, location.href)).href, wasm: new URL('ort-wasm-simd-threaded.wasm', new URL(runtime, location.href)).href };
  onnx.wasm.numThreads = 1;
  onnx.wasm.proxy = false;
}

let extractor: FeatureExtractionPipeline | null = null;
const encode = async (q: string) => {
  const out = await extractor!(q, { pooling: 'mean', normalize: true });
  return out.data as Float32Array;
};

installBench(
  async (q) => {
    await encode(q);
    return [];
  },
  {
    /** Loads the model (timed), runs 5 untimed warm-up encodes, returns the vectors of `queries` (to compare variants). */
    async prepare(queries: string[] = []) {
      const t = performance.now();
      extractor = (await pipeline('feature-extraction', modelId, { dtype, device: 'wasm', local_files_only: true })) as FeatureExtractionPipeline;
      const loadMs = performance.now() - t;
      for (const q of ['warm up', 'how do I configure the search index', 'x', 'create a table with a primary key', 'vacuum']) await encode(q);
      const vectors: number[][] = [];
      for (const q of queries) vectors.push(Array.from(await encode(q)));
      return { loadMs, crossOriginIsolated: globalThis.crossOriginIsolated, vectors };
    },
  },
);
