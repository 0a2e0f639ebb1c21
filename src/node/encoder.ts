/**
 * The Node encoder: the model's tokenizer (@huggingface/tokenizers, the same
 * tokenizer.json the browser uses) and an onnxruntime session, with the
 * pooling and normalisation transformers.js's feature-extraction pipeline
 * applies, so Node and the browser worker produce the same vectors. Node does
 * not load transformers.js: it hard-depends on onnxruntime-node, whose install
 * can fail where only the npm registry is reachable (see src/model/onnx-runtime.ts).
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Tokenizer } from '@huggingface/tokenizers';
import type { Encoder } from '../core/encoder.ts';
import { QuarryError } from '../core/errors.ts';
import type { ModelDtype, Pooling } from '../core/format/manifest.ts';
import { ONNX_FILE_FOR_DTYPE } from '../model/layout.ts';
import { loadOnnxRuntime, type OnnxRuntime } from '../model/onnx-runtime.ts';
import type { PreparedModel } from '../model/types.ts';
import { loadTokenizer } from './tokenizer.ts';

export type EncoderModel = Pick<PreparedModel, 'id' | 'root' | 'dims' | 'pooling' | 'normalize' | 'queryPrefix' | 'passagePrefix'> &
  Partial<Pick<PreparedModel, 'dir' | 'buildDtype' | 'maxTokens'>>;

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

type Session = Awaited<ReturnType<OnnxRuntime['InferenceSession']['create']>>;

export async function createNodeEncoder(model: EncoderModel, opts: NodeEncoderOptions = {}): Promise<NodeEncoder> {
  const dtype = opts.dtype ?? model.buildDtype ?? 'fp32';
  const batchSize = Math.max(1, opts.batchSize ?? 16);
  const where = model.dir || join(model.root, ...model.id.split('/'));

  let ort: OnnxRuntime;
  let tokenizer: Tokenizer;
  let maxTokens: number;
  let session: Session;
  let padId: number;
  try {
    ort = await loadOnnxRuntime();
    const [loaded, onnx] = await Promise.all([loadTokenizer(where, model.maxTokens), readFile(join(where, ONNX_FILE_FOR_DTYPE[dtype]))]);
    ({ tokenizer, maxTokens, padId } = loaded);
    session = await ort.InferenceSession.create(onnx);
  } catch (e) {
    throw loadError(e, model.id, where, dtype);
  }

  const run = async (texts: string[], kind: 'query' | 'passage'): Promise<Float32Array[]> => {
    if (texts.length === 0) return [];
    const prefix = kind === 'query' ? model.queryPrefix : model.passagePrefix;
    const batch = tokenize(tokenizer, prefix ? texts.map((t) => prefix + t) : texts, maxTokens, padId);
    const feeds: Record<string, InstanceType<OnnxRuntime['Tensor']>> = {};
    const dims = [texts.length, batch.length];
    for (const name of session.inputNames) {
      const data = name === 'input_ids' ? batch.ids : name === 'attention_mask' ? batch.mask : name === 'token_type_ids' ? batch.typeIds : null;
      if (!data) throw new QuarryError('MODEL_LOAD_FAILED', `The model in ${where} asks for an input "${name}" that Quarry does not provide (it feeds input_ids, attention_mask and token_type_ids). Use a BERT-style feature-extraction model.`);
      feeds[name] = new ort.Tensor('int64', data, dims);
    }
    const out = await session.run(feeds);
    const hidden = out.last_hidden_state ?? out.token_embeddings ?? out[session.outputNames[0]];
    const [n, seq, d] = hidden.dims as [number, number, number];
    return pool(hidden.data as Float32Array, batch.mask, n, seq, d, model.pooling, model.normalize);
  };

  // onnxruntime sessions are not re-entrant across overlapping run() calls from JS; one encode at a time.
  let queue: Promise<unknown> = Promise.resolve();
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
      await serial(() => session.release());
    },
  };
}

interface TokenBatch {
  /** Padded sequence length. */
  length: number;
  ids: BigInt64Array;
  mask: BigInt64Array;
  typeIds: BigInt64Array;
}

/**
 * As transformers.js's tokenizer call with `padding: true, truncation: true`:
 * each text is cut to `maxTokens` (plainly, as it does, so a cut text loses
 * its final [SEP]) and padded on the right to the longest in the batch.
 */
function tokenize(tokenizer: Tokenizer, texts: string[], maxTokens: number, padId: number): TokenBatch {
  const encoded = texts.map((t) => tokenizer.encode(t, { return_token_type_ids: true }));
  const length = Math.min(maxTokens, Math.max(...encoded.map((e) => e.ids.length)));
  const ids = new BigInt64Array(texts.length * length).fill(BigInt(padId));
  const mask = new BigInt64Array(texts.length * length);
  const typeIds = new BigInt64Array(texts.length * length);
  encoded.forEach((e, row) => {
    const n = Math.min(length, e.ids.length);
    for (let j = 0; j < n; j++) {
      ids[row * length + j] = BigInt(e.ids[j]);
      mask[row * length + j] = BigInt(e.attention_mask[j] ?? 1);
      typeIds[row * length + j] = BigInt(e.token_type_ids?.[j] ?? 0);
    }
  });
  return { length, ids, mask, typeIds };
}

/** Mean (over unmasked tokens) or CLS pooling, then optional L2 normalisation, in transformers.js's float order. */
function pool(hidden: Float32Array, mask: BigInt64Array, n: number, seq: number, d: number, pooling: Pooling, normalize: boolean): Float32Array[] {
  const rows: Float32Array[] = [];
  for (let i = 0; i < n; i++) {
    const v = new Float32Array(d);
    const base = i * seq * d;
    if (pooling === 'cls') {
      v.set(hidden.subarray(base, base + d));
    } else {
      for (let k = 0; k < d; k++) {
        let sum = 0;
        let count = 0;
        for (let j = 0; j < seq; j++) {
          const m = Number(mask[i * seq + j]);
          count += m;
          sum += hidden[base + j * d + k] * m;
        }
        v[k] = sum / count;
      }
    }
    if (normalize) {
      let norm = 0;
      for (let k = 0; k < d; k++) norm += v[k] * v[k];
      norm = Math.sqrt(norm);
      for (let k = 0; k < d; k++) v[k] /= norm;
    }
    rows.push(v);
  }
  return rows;
}

function loadError(e: unknown, id: string, where: string, dtype: ModelDtype): QuarryError {
  if (e instanceof QuarryError) return e;
  const msg = e instanceof Error ? e.message : String(e);
  if ((e as NodeJS.ErrnoException)?.code === 'ENOENT') {
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
