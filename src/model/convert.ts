/**
 * safetensors + config.json → ONNX bytes, one buffer per weight format.
 * Pure conversion; caching and file layout live in prepare.ts.
 */
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { QuarryError } from '../core/errors.ts';
import { buildBertModel, fp32Format, readBertConfig, type BertConfig, type WeightFormat } from './bert-graph.ts';
import { fp16Format } from './half.ts';
import { encodeModel } from './onnx-proto.ts';
import { calibrateActivations } from './calibrate.ts';
import { defaultInt8Options, int8Format } from './quantize.ts';
import { readSafeTensorsFile } from './safetensors.ts';

/** Bump when the emitted graphs change, so cached conversions are redone. */
export const CONVERTER_VERSION = '3'; // 2: 7-bit linear weights (see quantize.ts WEIGHT_QMAX); 3: int8-stored FFN down-projection, fp16 small tables (no file over 25 MiB)

export type Variant = 'fp32' | 'fp16' | 'q8';


export async function readConfig(path: string): Promise<{ json: Record<string, unknown>; config: BertConfig }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new QuarryError('MODEL_NOT_FOUND', `Cannot read ${path}: ${(e as Error).message}. Reinstall the package that provides it (npm install).`, { cause: e });
  }
  let json: Record<string, unknown>;
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch (e) {
    throw new QuarryError('MODEL_CONVERT_FAILED', `${path} is not valid JSON (${(e as Error).message}). Reinstall the package that provides it.`, { cause: e });
  }
  return { json, config: readBertConfig(json, path) };
}

export interface ConvertInput {
  weightsPath: string;
  configPath: string;
  /** Parsed tokenizer.json / tokenizer_config.json, for int8 calibration. */
  tokenizerJson: object;
  tokenizerConfig: object;
  maxTokens: number;
}

export async function convertBert(
  input: ConvertInput,
  variants: Variant[],
  onVariant?: (v: Variant) => void,
): Promise<Map<Variant, Uint8Array>> {
  const { config } = await readConfig(input.configPath);
  const weights = await readSafeTensorsFile(input.weightsPath);
  const format = async (v: Variant): Promise<WeightFormat> => {
    if (v === 'fp32') return fp32Format;
    if (v === 'fp16') return fp16Format;
    const amax = await calibrateActivations(weights, config, input.tokenizerJson, input.tokenizerConfig, input.maxTokens);
    return int8Format(defaultInt8Options(amax));
  };
  const out = new Map<Variant, Uint8Array>();
  for (const v of variants) {
    onVariant?.(v);
    const model = buildBertModel(weights, config, await format(v), {
      producerVersion: CONVERTER_VERSION,
      docString: `BERT encoder converted by Quarry from ${basename(input.weightsPath)} (${v} weights)`,
    });
    out.set(v, encodeModel(model));
  }
  return out;
}
