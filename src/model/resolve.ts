/**
 * `--model` option → PreparedModel: "default" (the converted npm model), a
 * local folder with config.json + onnx/, or a Hugging Face id. Only the last
 * may touch the network.
 */
import { existsSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { basename, dirname, isAbsolute, join, resolve as resolvePath } from 'node:path';
import type { ModelDtype } from '../core/format/manifest.ts';
import { QuarryError } from '../core/errors.ts';
import { combinedHash, listFiles, sha256File } from './files.ts';
import { ONNX_FILE_FOR_DTYPE, STAMP_FILE, defaultModelsRoot, readStamp } from './layout.ts';
import type { PrepareOptions } from './prepare.ts';
import { downloadHubModel } from './download.ts';
import type { PreparedModel } from './types.ts';

const DTYPE_FILES = Object.entries(ONNX_FILE_FOR_DTYPE) as Array<[ModelDtype, string]>;

/** "owner/name" as the Hub spells ids; a path-looking string is never treated as one. */
const HF_ID = /^[A-Za-z0-9][\w.-]*\/[\w.-]+$/;

export async function resolveModel(option: string, prepare: PrepareOptions = {}): Promise<PreparedModel> {
  const value = option.trim();
  // The converter loads only when the default model has to be (re)checked or converted.
  if (value === '' || value === 'default') return (await import('./prepare.ts')).prepareDefaultModel(prepare);
  const asPath = resolvePath(value);
  if (existsSync(asPath)) return localModel(asPath, value);
  if (value.startsWith('.') || isAbsolute(value) || value.includes('\\') || !HF_ID.test(value)) {
    throw new QuarryError(
      'MODEL_NOT_FOUND',
      `--model ${value}: no such folder (${asPath}). Pass "default", a folder containing config.json and onnx/model*.onnx, or a Hugging Face id like "Xenova/bge-small-en-v1.5".`,
    );
  }
  return remoteModel(value, prepare);
}

async function localModel(dir: string, option: string, knownId?: string): Promise<PreparedModel> {
  if (!statSync(dir).isDirectory() || !existsSync(join(dir, 'config.json')) || !existsSync(join(dir, 'onnx'))) {
    throw new QuarryError(
      'MODEL_NOT_FOUND',
      `--model ${option}: ${dir} is not a model folder; it needs config.json, tokenizer.json and onnx/model.onnx (or model_quantized.onnx / model_fp16.onnx).`,
    );
  }
  const present = DTYPE_FILES.filter(([, f]) => existsSync(join(dir, f))).map(([d]) => d);
  if (present.length === 0) {
    throw new QuarryError('MODEL_NOT_FOUND', `--model ${option}: ${join(dir, 'onnx')} has none of model.onnx, model_quantized.onnx, model_fp16.onnx.`);
  }
  if (!existsSync(join(dir, 'tokenizer.json'))) {
    throw new QuarryError('MODEL_NOT_FOUND', `--model ${option}: ${dir} has no tokenizer.json; copy it from the model's repository.`);
  }
  const stamp = (await readStamp(dir)) ?? { format: 'quarry-model' as const };
  const config = JSON.parse(await readFile(join(dir, 'config.json'), 'utf8')) as { hidden_size?: number; d_model?: number; max_position_embeddings?: number };
  const dims = stamp.dims ?? config.hidden_size ?? config.d_model;
  if (typeof dims !== 'number') {
    throw new QuarryError('BAD_OPTION', `--model ${option}: cannot tell the embedding size; add "dims" to ${join(dir, STAMP_FILE)}.`);
  }
  const pick = (wanted: ModelDtype | undefined, order: ModelDtype[]): ModelDtype =>
    wanted && present.includes(wanted) ? wanted : (order.find((d) => present.includes(d)) ?? present[0]);
  const files = (await listFiles(dir)).filter((f) => f !== STAMP_FILE);
  const hashes: Record<string, string> = {};
  for (const f of files) hashes[f] = await sha256File(join(dir, f));
  // transformers.js resolves `<localModelPath>/<id>`: a folder is addressed as its parent + its name.
  const fullId = knownId ?? (stamp.id && dir.endsWith(stamp.id) ? stamp.id : null);
  const id = fullId ?? basename(dir);
  const root = fullId ? dir.slice(0, dir.length - fullId.length).replace(/[\\/]$/, '') : dirname(dir);
  return {
    id,
    root,
    dir,
    hash: combinedHash(Object.fromEntries(Object.entries(hashes).filter(([f]) => f !== 'README.md'))),
    dims,
    pooling: stamp.pooling ?? 'mean',
    normalize: stamp.normalize ?? true,
    queryPrefix: stamp.queryPrefix ?? '',
    passagePrefix: stamp.passagePrefix ?? '',
    maxTokens: stamp.maxTokens ?? Math.min(512, config.max_position_embeddings ?? 512),
    buildDtype: pick(stamp.buildDtype, ['fp32', 'q8', 'fp16']),
    browserDtype: pick(stamp.browserDtype, ['q8', 'fp16', 'fp32']),
    files,
  };
}

/** A Hub id: downloaded once into the models cache, then used like any local folder. */
async function remoteModel(id: string, prepare: PrepareOptions): Promise<PreparedModel> {
  const dir = await downloadHubModel(id, prepare.cacheDir ?? defaultModelsRoot());
  return localModel(dir, id, id);
}
