/**
 * The model folder's layout (transformers.js conventions plus Quarry's
 * stamp) and where prepared models live. Kept apart from the converter so
 * that finding an already prepared model never loads the converter.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ModelDtype } from '../core/format/manifest.ts';
import { PACKAGE_ROOT } from './source.ts';
import type { ModelStamp } from './types.ts';

export const DEFAULT_MODEL_ID = 'quarry/all-MiniLM-L6-v2';
export const STAMP_FILE = 'quarry-model.json';

/** transformers.js picks the ONNX file by dtype with these names. */
export const ONNX_FILE_FOR_DTYPE: Readonly<Record<ModelDtype, string>> = Object.freeze({
  fp32: 'onnx/model.onnx',
  fp16: 'onnx/model_fp16.onnx',
  q8: 'onnx/model_quantized.onnx',
});

/** `$QUARRY_CACHE_DIR`, else `<quarry package>/node_modules/.cache/quarry/models`. */
export function defaultModelsRoot(): string {
  const env = process.env.QUARRY_CACHE_DIR;
  return env && env.trim() !== '' ? env : join(PACKAGE_ROOT, 'node_modules', '.cache', 'quarry', 'models');
}

export async function readStamp(dir: string): Promise<ModelStamp | null> {
  try {
    const s = JSON.parse(await readFile(join(dir, STAMP_FILE), 'utf8')) as ModelStamp;
    return s && s.format === 'quarry-model' ? s : null;
  } catch {
    return null;
  }
}
