/**
 * The only browser file that touches transformers.js `env`. It loads the
 * index's own model from the site (never a CDN or the Hub), picks WebGPU
 * only when an adapter really exists (a failed WebGPU session poisons
 * transformers.js for the whole worker) and the index ships the WebGPU
 * runtime (`quarry build --webgpu`), and serialises encodes
 * (onnxruntime-web throws "Session already started" on overlap).
 */
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import type { Encoder } from '../src/core/encoder.ts';
import { QuarryError } from '../src/core/errors.ts';
import { FileLoadError } from '../src/core/load/source.ts';
import type { ModelSpec } from '../src/core/format/manifest.ts';

export interface BrowserEncoder extends Encoder {
  backend: 'webgpu' | 'wasm';
  threads: number;
}

export interface EncoderSetup {
  spec: ModelSpec;
  /** Absolute URL of the folder holding `<spec.id>/` (index + spec.path). */
  modelBaseUrl: string;
  /** Absolute URL of the folder with onnxruntime-web's .mjs/.wasm files. */
  runtimeUrl: string;
  /**
   * Reads a file the manifest lists (model and runtime files) through
   * Quarry's verified, cached index source — once per URL, with progress;
   * null for anything else.
   */
  readListed: (url: string) => Promise<Uint8Array | null>;
  device: 'auto' | 'wasm' | 'webgpu';
  threads: number;
}

/**
 * transformers.js fetches model files through `env.fetch`, sometimes twice
 * per file (an existence probe, then the load). Serve manifest-listed files
 * from one shared read, so each is downloaded and checked once.
 */
function listedFilesFetch(readListed: EncoderSetup['readListed']): typeof fetch {
  const reads = new Map<string, Promise<Uint8Array | null>>();
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), self.location.href).href;
    let read = reads.get(url);
    if (!read) {
      read = readListed(url);
      reads.set(url, read);
      read.catch(() => reads.delete(url));
    }
    const bytes = await read;
    if (!bytes) return fetch(input, init);
    return new Response(bytes as unknown as BodyInit, { status: 200, headers: { 'Content-Type': 'application/octet-stream', 'Content-Length': String(bytes.byteLength) } });
  };
}

type GpuNavigator = { gpu?: { requestAdapter(): Promise<unknown | null> } };

export async function pickDevice(requested: EncoderSetup['device']): Promise<'webgpu' | 'wasm'> {
  if (requested === 'wasm') return 'wasm';
  try {
    const adapter = await (navigator as unknown as GpuNavigator).gpu?.requestAdapter();
    if (adapter) return 'webgpu';
  } catch {
    // No adapter: fall through to WASM.
  }
  if (requested === 'webgpu') throw new QuarryError('MODEL_LOAD_FAILED', 'WebGPU was requested but this browser has no GPU adapter; use device "auto" or "wasm".');
  return 'wasm';
}

export function pickThreads(requested: number): number {
  if (requested > 0) return requested;
  // Without cross-origin isolation there is no SharedArrayBuffer: one thread.
  // With it, use the cores (capped): onnxruntime's default is ceil(cores/2),
  // i.e. 1 on 2-core machines, and oversubscribing doubles query time.
  return globalThis.crossOriginIsolated ? Math.max(1, Math.min(4, navigator.hardwareConcurrency || 1)) : 1;
}

/** onnxruntime-web's builds: the plain SIMD one runs the WASM backend; WebGPU needs asyncify (shipped only by `quarry build --webgpu`). */
const RUNTIME_FLAVOUR = { wasm: 'ort-wasm-simd-threaded', webgpu: 'ort-wasm-simd-threaded.asyncify' } as const;

export interface Runtime {
  device: 'webgpu' | 'wasm';
  /** URLs of the build's `.mjs` glue and `.wasm` binary. */
  mjs: string;
  wasm: string;
  /** The `.wasm` bytes, read through the index's verified source (null when the manifest does not list it). */
  binary: Uint8Array | null;
}

/**
 * The runtime for the device pickDevice chose. An index lists the WebGPU
 * runtime only when built with --webgpu: without it a browser with a GPU
 * uses WASM (with `device: 'auto'`), and a forced `'webgpu'` fails as a
 * runtime that cannot start (the client retries those on WASM). Reading the
 * WebGPU binary is how its presence is known: `readListed` answers null at
 * once, without a request, for a file the manifest does not list.
 */
export async function loadRuntime(device: 'webgpu' | 'wasm', requested: EncoderSetup['device'], runtimeUrl: string, readListed: EncoderSetup['readListed']): Promise<Runtime> {
  const urls = (d: 'webgpu' | 'wasm') => ({ mjs: new URL(`${RUNTIME_FLAVOUR[d]}.mjs`, runtimeUrl).href, wasm: new URL(`${RUNTIME_FLAVOUR[d]}.wasm`, runtimeUrl).href });
  if (device === 'webgpu') {
    const gpu = urls('webgpu');
    const binary = await readListed(gpu.wasm);
    if (binary) return { device, ...gpu, binary };
    if (requested === 'webgpu') {
      throw new QuarryError('MODEL_LOAD_FAILED', 'WebGPU was requested but this index has no WebGPU runtime (build it with `quarry build --webgpu`); use device "auto" or "wasm".');
    }
  }
  const plain = urls('wasm');
  return { device: 'wasm', ...plain, binary: await readListed(plain.wasm) };
}

export async function createBrowserEncoder(setup: EncoderSetup): Promise<BrowserEncoder> {
  const { spec } = setup;
  let device = await pickDevice(setup.device);
  const threads = pickThreads(setup.threads);
  env.allowRemoteModels = false;
  env.allowLocalModels = true;
  // A path, not a URL: transformers.js 4.3 only probes local files for existence
  // (tokenizer_config.json decides whether a tokenizer loads) when localModelPath
  // is not an http(s) URL. Same-origin paths resolve against the worker's origin.
  const modelBase = new URL(setup.modelBaseUrl);
  env.localModelPath = modelBase.origin === self.location.origin ? modelBase.pathname : setup.modelBaseUrl;
  // Model files come through Quarry's own verified cache (below), never twice.
  env.useBrowserCache = false;
  // transformers.js reports a failed file as `local_files_only=true…`; keep the real cause to report instead.
  let failedRead: FileLoadError | null = null;
  const readListed = (url: string) =>
    setup.readListed(url).catch((e: unknown) => {
      if (e instanceof FileLoadError) failedRead ??= e;
      throw e;
    });
  env.fetch = listedFilesFetch(readListed);
  // A blob: URL for the runtime's .mjs would need `script-src blob:`; import it from the site instead.
  env.useWasmCache = false;
  const onnx = env.backends.onnx as { wasm?: { wasmPaths?: unknown; wasmBinary?: unknown; numThreads?: number; proxy?: boolean } };

  let extractor: FeatureExtractionPipeline;
  try {
    if (onnx.wasm) {
      // The plain build is half the size of asyncify and starts faster; WebGPU needs the asyncify build.
      const runtime = await loadRuntime(device, setup.device, setup.runtimeUrl, readListed);
      device = runtime.device;
      onnx.wasm.wasmPaths = { mjs: runtime.mjs, wasm: runtime.wasm };
      if (runtime.binary) onnx.wasm.wasmBinary = runtime.binary;
      onnx.wasm.numThreads = threads;
      onnx.wasm.proxy = false;
    }
    extractor = (await pipeline('feature-extraction', spec.id, {
      dtype: spec.dtype,
      device,
      // No progress_callback: with one, transformers.js 4.3 first GETs every model
      // file to learn its size (a second download of the model). Progress comes from readListed.
      local_files_only: true,
    })) as FeatureExtractionPipeline;
  } catch (e) {
    const failed = failedRead as FileLoadError | null;
    if (failed) {
      // MODEL_LOAD_FAILED stays for a runtime that cannot start (the client retries those on WASM); a bad file is not retried.
      const code = failed.code === 'NETWORK' ? 'NETWORK' : failed.problem === 'returned 404' ? 'MODEL_NOT_FOUND' : 'INDEX_CORRUPT';
      throw new FileLoadError(code, `Could not load the search model ${spec.id}: ${failed.message} Keyword search still works.`, failed.file, failed.problem, { cause: e });
    }
    throw new QuarryError(
      'MODEL_LOAD_FAILED',
      `Could not load the search model ${spec.id} from ${setup.modelBaseUrl} (${device}): ${(e as Error).message}. Keyword search still works; redeploy the index folder if model files are missing.`,
      { cause: e },
    );
  }

  let queue: Promise<unknown> = Promise.resolve();
  const encoder: BrowserEncoder = {
    dims: spec.dims,
    backend: device,
    threads,
    encode(texts, kind) {
      const prefix = kind === 'query' ? spec.queryPrefix : spec.passagePrefix;
      const run = queue.then(async () => {
        const out = await extractor(prefix ? texts.map((t) => prefix + t) : texts, { pooling: spec.pooling, normalize: spec.normalize });
        const data = out.data as Float32Array;
        return texts.map((_, i) => data.slice(i * spec.dims, (i + 1) * spec.dims));
      });
      queue = run.catch(() => undefined);
      return run;
    },
    async dispose() {
      await extractor.dispose();
    },
  };
  return encoder;
}
