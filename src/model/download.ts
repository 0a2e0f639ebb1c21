/**
 * `--model <hub id>`: the one place Quarry goes online, and only when asked.
 * The files are downloaded once into the models cache, after which the model
 * is an ordinary local folder: hashed, copied into the index, served by the
 * site like the default model. HF_ENDPOINT points at a mirror.
 */
import { existsSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { QuarryError } from '../core/errors.ts';

const REQUIRED = ['config.json', 'tokenizer.json'];
/** At least one ONNX file must exist; each dtype transformers.js can load is tried. */
const ONNX = ['onnx/model_quantized.onnx', 'onnx/model.onnx', 'onnx/model_fp16.onnx'];
const OPTIONAL = ['tokenizer_config.json', 'special_tokens_map.json', 'quarry-model.json'];

export function hubEndpoint(): string {
  return (process.env.HF_ENDPOINT ?? 'https://huggingface.co').replace(/\/$/, '');
}

/** Downloads `id` into `<root>/<id>` unless already there; returns that folder. */
export async function downloadHubModel(id: string, root: string): Promise<string> {
  const dir = join(root, ...id.split('/'));
  if (existsSync(join(dir, 'config.json')) && ONNX.some((f) => existsSync(join(dir, f)))) return dir;
  const tmp = `${dir}.download-${process.pid}`;
  await rm(tmp, { recursive: true, force: true });
  try {
    for (const file of REQUIRED) await fetchTo(id, file, tmp, true);
    for (const file of OPTIONAL) await fetchTo(id, file, tmp, false);
    let onnx = 0;
    for (const file of ONNX) onnx += (await fetchTo(id, file, tmp, false)) ? 1 : 0;
    if (!onnx) {
      throw new QuarryError('MODEL_NOT_FOUND', `${hubEndpoint()}/${id} has no ONNX weights (${ONNX.join(', ')}); pick a transformers.js model (e.g. one under Xenova/) or convert it and pass its folder.`);
    }
    await mkdir(dirname(dir), { recursive: true });
    await rm(dir, { recursive: true, force: true });
    await rename(tmp, dir);
    return dir;
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw e;
  }
}

async function fetchTo(id: string, file: string, dir: string, required: boolean): Promise<boolean> {
  const url = `${hubEndpoint()}/${id}/resolve/main/${file}`;
  let response: Response;
  try {
    response = await fetch(url);
  } catch (e) {
    throw new QuarryError(
      'MODEL_NOT_FOUND',
      `Could not download ${url} (${(e as Error).message}${(e as { cause?: Error }).cause ? `: ${(e as { cause: Error }).cause.message}` : ''}). ` +
        'A Hugging Face model needs network access once; offline, use --model default or a local model folder.',
      { cause: e },
    );
  }
  if (response.status === 404) {
    if (required) throw new QuarryError('MODEL_NOT_FOUND', `${url}: not found. Check the model id "${id}".`);
    return false;
  }
  if (!response.ok) throw new QuarryError('MODEL_NOT_FOUND', `${url}: HTTP ${response.status}. Try again later or pass a local model folder.`);
  await mkdir(dirname(join(dir, file)), { recursive: true });
  await writeFile(join(dir, file), new Uint8Array(await response.arrayBuffer()));
  return true;
}
