/**
 * The Node encoder: transformers.js feature-extraction on onnxruntime-node.
 * This is the only Node module that touches transformers.js `env`, because
 * `env` is process-global: loads are serialised here so two encoders with
 * different model roots cannot interleave their settings.
 */
import { env, pipeline, type FeatureExtractionPipeline } from '@huggingface/transformers';
import type { Encoder } from '../core/encoder.ts';
import { QuarryError } from '../core/errors.ts';
import type { ModelDtype } from '../core/format/manifest.ts';
import type { PreparedModel } from '../model/types.ts';

export type EncoderModel = Pick<PreparedModel, 'id' | 'root' | 'dims' | 'pooling' | 'normalize' | 'queryPrefix' | 'passagePrefix'> &
  Partial<Pick<PreparedModel, 'dir' | 'buildDtype'>>;

export interface NodeEncoderOptions {
  /** Which ONNX variant to load (default: the model's buildDtype, else fp32). */
  dtype?: ModelDtype;
  /** Texts per forward pass in encodeBatched (default 16). */
  batchSize?: number;
}

export interface NodeEncoder extends Encoder {
  readonly dtype: ModelDtype;
  /** Encodes any number of texts in batches of `batchSize`, reporting the count done after each batch. */
  encodeBatched(texts: string[], kind: 'query' | 'passage', onProgress?: (done: number, total: number) => void): Promise<Float32Array[]>;
}

let loadQueue: Promise<unknown> = Promise.resolve();

export async function createNodeEncoder(model: EncoderModel, opts: NodeEncoderOptions = {}): Promise<NodeEncoder> {
  const dtype = opts.dtype ?? model.buildDtype ?? 'fp32';
  const batchSize = Math.max(1, opts.batchSize ?? 16);
  const where = model.dir || `${model.root}/${model.id}`;

  // Hub models are downloaded by resolveModel (src/model/download.ts) before
  // they get here, so transformers.js itself never goes online.
  const load = loadQueue.then(async () => {
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    env.localModelPath = model.root;
    return pipeline('feature-extraction', model.id, { dtype, local_files_only: true });
  });
  loadQueue = load.catch(() => {});
  let extractor: FeatureExtractionPipeline;
  try {
    extractor = (await load) as FeatureExtractionPipeline;
  } catch (e) {
    throw loadError(e, model.id, where, dtype);
  }

  const pooling = model.pooling;
  const normalize = model.normalize;
  // onnxruntime sessions are not re-entrant across overlapping run() calls from JS; one encode at a time.
  let queue: Promise<unknown> = Promise.resolve();
  const run = async (texts: string[], kind: 'query' | 'passage'): Promise<Float32Array[]> => {
    if (texts.length === 0) return [];
    const prefix = kind === 'query' ? model.queryPrefix : model.passagePrefix;
    const input = prefix ? texts.map((t) => prefix + t) : texts;
    const out = await extractor(input, { pooling, normalize });
    const [n, d] = out.dims as [number, number];
    const data = out.data as Float32Array;
    const rows: Float32Array[] = [];
    for (let i = 0; i < n; i++) rows.push(data.slice(i * d, (i + 1) * d));
    return rows;
  };
  const serial = <T>(f: () => Promise<T>): Promise<T> => {
    const p = queue.then(f);
    queue = p.catch(() => {});
    return p;
  };

  let dims = model.dims;
  if (!dims) dims = (await serial(() => run(['dimension probe'], 'query')))[0].length; // a Hub id's size is known only after loading

  const encode = (texts: string[], kind: 'query' | 'passage') => serial(() => run(texts, kind));
  return {
    dims,
    dtype,
    encode,
    async encodeBatched(texts, kind, onProgress) {
      const out: Float32Array[] = [];
      for (let i = 0; i < texts.length; i += batchSize) {
        for (const v of await encode(texts.slice(i, i + batchSize), kind)) out.push(v);
        onProgress?.(out.length, texts.length);
      }
      return out;
    },
    async dispose() {
      await serial(() => extractor.dispose());
    },
  };
}

function loadError(e: unknown, id: string, where: string, dtype: ModelDtype): QuarryError {
  if (e instanceof QuarryError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if (/local_files_only|not found locally|ENOENT|Could not locate file/i.test(msg)) {
    return new QuarryError(
      'MODEL_NOT_FOUND',
      `The model ${id} is missing files in ${where} (${msg}). For the default model run "quarry model prepare"; for a folder, make sure it has config.json, tokenizer.json, tokenizer_config.json and the onnx/ file for dtype ${dtype}.`,
      { cause: e },
    );
  }
  return new QuarryError(
    'MODEL_LOAD_FAILED',
    `onnxruntime could not load ${where} with dtype ${dtype}: ${msg}. The file may be corrupt: for the default model run "quarry model prepare" (it re-converts damaged files); otherwise re-download the model.`,
    { cause: e },
  );
}
