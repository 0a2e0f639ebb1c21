/**
 * The default model: converts the npm-shipped all-MiniLM-L6-v2 safetensors to
 * ONNX once and keeps the result in a cache folder that survives runs. A
 * quarry-model.json stamp (converter version, source hash, sha256 of every
 * file) decides whether the cache is usable; anything missing, stale or
 * corrupt is regenerated. Conversion writes to a private temp folder that is
 * renamed into place, so concurrent processes never see a half-written model.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { ModelDtype } from '../core/format/manifest.ts';
import { QuarryError } from '../core/errors.ts';
import { CONVERTER_VERSION, convertBert, readConfig, type Variant } from './convert.ts';
import { DEFAULT_MODEL_ID, ONNX_FILE_FOR_DTYPE, STAMP_FILE, defaultModelsRoot, readStamp } from './layout.ts';
import { combinedHash, installDir, sha256, sha256File, tempSibling } from './files.ts';
import { attributionReadme, tokenizerConfig } from './model-folder.ts';
import { SOURCE_PACKAGE, findSourceModel } from './source.ts';
import type { ModelStamp, PreparedModel } from './types.ts';

const MAX_TOKENS = 256;

/**
 * Measured on a 2-core x86 (bench-encode.ts): int8 beats fp32 throughput and
 * stays within ~0.01 cosine of it, so it serves both the build and the browser;
 * fp32 is kept in the folder as the reference (`quarry model verify`).
 */
export const BUILD_DTYPE: ModelDtype = 'q8';
export const BROWSER_DTYPE: ModelDtype = 'q8';
export const DEFAULT_VARIANTS: Variant[] = ['fp32', 'q8'];

export type PrepareProgress = { phase: 'check' | 'convert' | 'write' | 'ready'; message: string };

export interface PrepareOptions {
  /** The models root (folder that will contain quarry/all-MiniLM-L6-v2). */
  cacheDir?: string;
  onProgress?: (p: PrepareProgress) => void;
  /** Which ONNX variants to write (default fp32 + q8). */
  variants?: Variant[];
}

export async function prepareDefaultModel(options: PrepareOptions = {}): Promise<PreparedModel> {
  const progress = options.onProgress ?? (() => {});
  const variants = options.variants ?? DEFAULT_VARIANTS;
  const root = options.cacheDir ?? defaultModelsRoot();
  const dir = join(root, ...DEFAULT_MODEL_ID.split('/'));
  const source = findSourceModel();

  progress({ phase: 'check', message: `Checking the cached model in ${dir}` });
  const sourceHash = await sha256File(source.weightsPath);
  const isCurrent = async (d: string): Promise<ModelStamp | null> => {
    const stamp = await readStamp(d);
    if (!stamp || stamp.converterVersion !== CONVERTER_VERSION || stamp.source?.sha256 !== sourceHash || !stamp.files) return null;
    if (!variants.every((v) => stamp.files![ONNX_FILE_FOR_DTYPE[v]])) return null;
    for (const [rel, expected] of Object.entries(stamp.files)) {
      try {
        if ((await sha256File(join(d, rel))) !== expected) return null;
      } catch {
        return null;
      }
    }
    return stamp;
  };

  let stamp = await isCurrent(dir);
  if (!stamp) {
    await mkdir(dirname(dir), { recursive: true }).catch((e: unknown) => {
      throw new QuarryError('OUTPUT_UNWRITABLE', `Cannot create the model cache folder ${dirname(dir)}: ${(e as Error).message}. Set QUARRY_CACHE_DIR to a writable folder.`, { cause: e });
    });
    const tmp = tempSibling(dir, 'tmp');
    try {
      const started = Date.now();
      await writeModelFolder(tmp, source, sourceHash, variants, progress);
      progress({ phase: 'write', message: `Converted in ${((Date.now() - started) / 1000).toFixed(1)} s; installing into ${dir}` });
      await installDir(tmp, dir, async (d) => (await isCurrent(d)) !== null);
    } catch (e) {
      await rm(tmp, { recursive: true, force: true });
      if (e instanceof QuarryError) throw e;
      throw new QuarryError('MODEL_CONVERT_FAILED', `Converting ${source.weightsPath} to ONNX in ${dir} failed: ${(e as Error).message}. Check free disk space, or set QUARRY_CACHE_DIR to another folder.`, { cause: e });
    }
    stamp = await isCurrent(dir);
    if (!stamp) {
      throw new QuarryError('MODEL_CONVERT_FAILED', `The converted model in ${dir} fails its own checksum right after writing. Delete the folder and retry; if it persists, the disk may be faulty.`);
    }
  }
  progress({ phase: 'ready', message: `Model ready: ${dir}` });
  return {
    id: DEFAULT_MODEL_ID,
    root,
    dir,
    hash: stamp.hash!,
    dims: stamp.dims!,
    pooling: 'mean',
    normalize: true,
    queryPrefix: '',
    passagePrefix: '',
    maxTokens: stamp.maxTokens ?? MAX_TOKENS,
    buildDtype: stamp.buildDtype ?? BUILD_DTYPE,
    browserDtype: stamp.browserDtype ?? BROWSER_DTYPE,
    files: Object.keys(stamp.files!).sort(),
  };
}

async function writeModelFolder(
  tmp: string,
  source: ReturnType<typeof findSourceModel>,
  sourceHash: string,
  variants: Variant[],
  progress: (p: PrepareProgress) => void,
): Promise<void> {
  await mkdir(join(tmp, 'onnx'), { recursive: true });
  const { json: configJson, config } = await readConfig(source.configPath);
  const tokenizerText = await readFile(source.tokenizerPath, 'utf8');
  const tokConfig = tokenizerConfig(MAX_TOKENS);
  const outputs: Record<string, Uint8Array | string> = {
    'config.json': JSON.stringify(configJson, null, 2) + '\n',
    'tokenizer.json': tokenizerText,
    'tokenizer_config.json': JSON.stringify(tokConfig, null, 2) + '\n',
    'README.md': attributionReadme(SOURCE_PACKAGE, source.packageVersion, CONVERTER_VERSION),
  };
  const converted = await convertBert(
    { weightsPath: source.weightsPath, configPath: source.configPath, tokenizerJson: JSON.parse(tokenizerText) as object, tokenizerConfig: tokConfig, maxTokens: MAX_TOKENS },
    variants,
    (v) => progress({ phase: 'convert', message: `Converting ${SOURCE_PACKAGE} to ONNX (${v})` }),
  );
  for (const [v, bytes] of converted) outputs[ONNX_FILE_FOR_DTYPE[v]] = bytes;

  const files: Record<string, string> = {};
  for (const [rel, content] of Object.entries(outputs)) {
    await writeFile(join(tmp, rel), content);
    files[rel] = sha256(content);
  }
  const modelFiles = Object.fromEntries(Object.entries(files).filter(([rel]) => rel !== 'README.md'));
  const stamp: ModelStamp = {
    format: 'quarry-model',
    id: DEFAULT_MODEL_ID,
    converterVersion: CONVERTER_VERSION,
    source: { package: SOURCE_PACKAGE, version: source.packageVersion, file: 'model/model.fp16.safetensors', sha256: sourceHash },
    files,
    // The README is attribution, not model: editing it must not change the model hash an index records.
    hash: combinedHash(modelFiles),
    dims: config.hiddenSize,
    pooling: 'mean',
    normalize: true,
    queryPrefix: '',
    passagePrefix: '',
    maxTokens: MAX_TOKENS,
    buildDtype: BUILD_DTYPE,
    browserDtype: BROWSER_DTYPE,
  };
  await writeFile(join(tmp, STAMP_FILE), JSON.stringify(stamp, null, 2) + '\n');
}
