/**
 * `quarry build`: read the site (crawl → extract → site passes → chunk →
 * dedupe, `read-site.ts`) → encode → write. Extracted pages are held until
 * the site-level passes have seen them all; files are read one at a time and
 * never held, so memory is bounded by the site's text, not its HTML.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { createRequire } from 'node:module';
import { QuarryError } from '../src/core/errors.ts';
import type { ModelSpec } from '../src/core/format/manifest.ts';
import type { BuildOptions } from './config.ts';
import { calibrateIndex } from './calibrate/calibrate-index.ts';
import { loadPreviousVectors } from './encode/cache.ts';
import { cacheKey, encodePassages, encoderInput } from './encode/encode-passages.ts';
import type { Aggregate } from './dedupe/dedupe-passages.ts';
import { modelTokenBudget, outputExcludes, readSite } from './read-site.ts';
import { navLikeFigure } from './inspect/nav-like.ts';
import { siteWarnings } from './inspect/site-warnings.ts';
import { ONNX_FILE_FOR_DTYPE } from '../src/model/layout.ts';
import { PACKAGE_ROOT, packageVersion } from '../src/node/package-info.ts';
import { resolveModel } from '../src/model/resolve.ts';
import { createNodeEncoder } from '../src/node/encoder.ts';
import type { Reporter } from './reporter.ts';
import { writeIndex, type WrittenIndex } from './write/write-index.ts';
import { buildStaticTier, reusedStaticTier, staticTierKey, type StaticTier, type StaticTierReport } from './static-tier/build-static-tier.ts';
import type { Passage } from '../src/core/format/docs.ts';
import type { Manifest } from '../src/core/format/manifest.ts';
import type { Encoder } from '../src/core/encoder.ts';
import { readFile } from 'node:fs/promises';
import { writeFileAtomic } from './write/atomic-file.ts';
import { readLedger } from './write/ledger.ts';
import { openOutput, type OpenOutput } from './write/open-output.ts';
import { updateCompressedSiblings } from './write/precompress.ts';

/**
 * The smallest per-file limit of a common static host (Cloudflare Pages:
 * 25 MiB). The default build stays under it; a file over it is reported
 * (see docs/deployment.md).
 */
export const HOST_FILE_LIMIT_BYTES = 25 * 1024 * 1024;

export interface BuildSummary {
  outDir: string;
  pages: number;
  passages: number;
  reused: number;
  encoded: number;
  skippedFiles: number;
  duplicates: number;
  /** Passages dropped because the same text is kept on another (canonical) page. */
  duplicatePassages: number;
  /** Pages skipped whole because most of their passages repeat other pages (all-in-one editions). */
  aggregatePages: Aggregate[];
  /** Page titles changed by the site-level title pass. */
  titlesCleaned: number;
  /** Distinct blocks removed because most pages repeat them (banner, footer). */
  repeatedBlocks: number;
  /** Passages cut again because their encoder input was over the model's token limit. */
  splitForTokens: number;
  warnings: Array<{ file: string; reason: string }>;
  seconds: { total: number; extract: number; encode: number; write: number };
  files: Array<{ path: string; bytes: number }>;
  /** `--precompress`: the `.br`/`.gz` siblings now in the folder, and how many this build compressed (the rest were unchanged). */
  precompressed: { files: Array<{ path: string; bytes: number }>; compressed: number } | null;
  /** The first-keystroke semantic tier; null with --no-static-tier. */
  staticTier: { reused: boolean; words: number; lists: number; nprobe: number; seconds: number; report: StaticTierReport | null } | null;
  /** quarry.js was written (a Quarry install without the widget bundle writes the index without it). */
  widget: boolean;
  model: { id: string; dtype: string };
}

export async function build(options: BuildOptions, reporter: Reporter): Promise<BuildSummary> {
  const siteDir = resolve(options.siteDir);
  if (!existsSync(siteDir)) throw new QuarryError('BAD_OPTION', `Site folder not found: ${siteDir}. Pass the folder of your built HTML (e.g. site/, _build/html, dist/).`);
  // Checked, locked and cleaned before any work: a bad --out fails at once, and two builds never interleave.
  const output = await openOutput(siteDir, resolve(options.outDir));
  try {
    return await buildInto(options, reporter, output);
  } finally {
    await output.release();
  }
}

async function buildInto(options: BuildOptions, reporter: Reporter, output: OpenOutput): Promise<BuildSummary> {
  const t0 = Date.now();
  const siteDir = resolve(options.siteDir);
  const outDir = output.outDir;

  // 1. Read the site: extract, site-level passes, chunk (in the model's tokens), dedupe.
  const warnings: BuildSummary['warnings'] = [];
  const warn = (file: string, reason: string) => {
    warnings.push({ file, reason });
    reporter.warn(file, reason);
  };
  const model = await resolveModel(options.model);
  const passagePrefix = options.passagePrefix ?? model.passagePrefix;
  const tokens = await modelTokenBudget(model, passagePrefix);
  const site = await readSite(siteDir, options, reporter, warn, { excludeGlobs: outputExcludes(siteDir, outDir), tokens });
  const tExtract = Date.now();
  const { skippedFiles, duplicatePages: duplicates, dedupe: deduped } = site;
  if (!site.extractedPassages) {
    throw new QuarryError('NO_PAGES', `No indexable content found in ${siteDir} (${skippedFiles} file(s) skipped). Check --include/--exclude and that the folder holds built HTML.`);
  }
  reporter.info(`Extracted ${site.extractedPassages} passages from ${site.pages.length} pages (${skippedFiles} skipped, ${duplicates} duplicates)`);
  if (site.repeated.blocks) reporter.info(`Removed ${site.repeated.occurrences} copies of ${site.repeated.blocks} block(s) repeated on most pages (site banner, footer, menus)`);
  if (site.overlong?.passages) reporter.info(`Split ${site.overlong.passages} of ${site.overlong.of} passages that were longer than the model reads (${tokens?.maxTokens} tokens)`);
  if (site.titles.cleaned) reporter.info(`Cleaned ${site.titles.cleaned} page titles (site name or banner removed)`);
  const extracted = site.extractedPassages;
  // Which figures look wrong is decided once, for build and inspect (inspect/site-warnings.ts).
  for (const w of siteWarnings(site, navLikeFigure(site.passages, 1))) warn(w.file, w.reason);
  const passages = deduped.passages;
  const pages = new Set(passages.map((p) => p.url)).size;
  if (extracted !== passages.length) reporter.info(`Kept ${passages.length} passages from ${pages} pages (${deduped.duplicatePassages} duplicate passages dropped, ${deduped.aggregates.length} aggregate page(s) skipped)`);

  // 2. Encode, reusing the previous build's vectors where nothing changed.
  const spec: ModelSpec = {
    id: model.id,
    hash: model.hash,
    dims: model.dims,
    pooling: options.pooling ?? model.pooling,
    normalize: model.normalize,
    queryPrefix: options.queryPrefix ?? model.queryPrefix,
    passagePrefix,
    dtype: model.browserDtype,
    path: null, // set by writeIndex when the model is copied
    maxTokens: model.maxTokens,
  };
  const inputs = passages.map((p) => encoderInput(p, options.encodeFields));
  const keys = inputs.map((input) => cacheKey(`${spec.hash}:${spec.pooling}`, spec.passagePrefix, input));
  const previous = await loadPreviousVectors(outDir, spec.hash);
  const todo = keys.filter((k) => !previous.vectors.has(k)).length;
  let encoder: Awaited<ReturnType<typeof createNodeEncoder>> | null = null;
  if (todo > 0) encoder = await createNodeEncoder({ ...model, pooling: spec.pooling, queryPrefix: spec.queryPrefix, passagePrefix: spec.passagePrefix }, { dtype: model.buildDtype, batchSize: options.batchSize });
  const encoded = await encodePassages(
    inputs,
    keys,
    previous.vectors,
    encoder ?? { encode: async () => [] },
    options.batchSize,
    reporter,
  );
  // Calibrate "no good match" on what was encoded; the encoder loads only if the figures must be measured again.
  const calibration = await calibrateIndex(
    { passages, vectors: encoded.vectors, previous: previous.manifest?.calibration, modelKey: `${spec.hash}:${spec.pooling}:${spec.queryPrefix}:${spec.passagePrefix}`, passageKeys: keys },
    async () => (encoder ??= await createNodeEncoder({ ...model, pooling: spec.pooling, queryPrefix: spec.queryPrefix, passagePrefix: spec.passagePrefix }, { dtype: model.buildDtype, batchSize: options.batchSize })),
  );
  const staticTier = options.staticTier ? await staticTierFor(passages, inputs, encoded.vectors, keys, previous.manifest, outDir, options, reporter, async () => (encoder ??= await createNodeEncoder({ ...model, pooling: spec.pooling, queryPrefix: spec.queryPrefix, passagePrefix: spec.passagePrefix }, { dtype: model.buildDtype, batchSize: options.batchSize })), `${spec.hash}:${spec.pooling}:${spec.queryPrefix}`) : null;
  await encoder?.dispose?.();
  const tEncode = Date.now();

  // 3. Write.
  const browserOnnx = ONNX_FILE_FOR_DTYPE[model.browserDtype];
  const modelFiles = options.copyModel
    ? ['config.json', 'tokenizer.json', 'tokenizer_config.json', browserOnnx].map((f) => ({ from: join(model.dir, f), to: f }))
    : [];
  const assetsDir = join(PACKAGE_ROOT, 'dist', 'widget');
  if (!existsSync(assetsDir)) reporter.warn(assetsDir, 'widget bundle not found (run `npm run build` in the Quarry package); the index is written without quarry.js');
  const written: WrittenIndex = await writeIndex(outDir, {
    passages,
    vectors: encoded.vectors,
    cacheKeys: keys,
    model: spec,
    modelFiles,
    assetsDir: existsSync(assetsDir) ? assetsDir : null,
    runtimeFiles: runtimeFiles(options.webgpu),
    fusion: previous.manifest?.fusion,
    calibration,
    staticTier: staticTier?.tier ?? null,
    generator: `quarry@${packageVersion()}`,
  }, { lock: output.lock });
  if (options.serviceWorker) await writeServiceWorker(siteDir, outDir);
  // Run by every build: without --precompress it removes the siblings an earlier one wrote.
  const siblings = await updateCompressedSiblings(outDir, {
    enabled: options.precompress,
    files: written.files.map((f) => f.path),
    owned: await readLedger(outDir, null),
  });
  if (siblings.compressed) reporter.info(`Wrote ${siblings.compressed} precompressed sibling(s) (.br, .gz)`);
  for (const f of siblings.foreign) warn(f, 'not written by --precompress: a file Quarry did not write has that name (remove it to let the build write it)');
  for (const f of written.files) {
    if (f.bytes > HOST_FILE_LIMIT_BYTES) {
      warn(f.path, `${(f.bytes / 2 ** 20).toFixed(1)} MiB, over the 25 MiB per-file limit of some static hosts (Cloudflare Pages); see docs/deployment.md`);
    }
  }
  const tWrite = Date.now();

  return {
    outDir,
    pages,
    passages: passages.length,
    reused: encoded.reused,
    encoded: encoded.encoded,
    skippedFiles,
    duplicates,
    duplicatePassages: deduped.duplicatePassages,
    aggregatePages: deduped.aggregates,
    titlesCleaned: site.titles.cleaned,
    repeatedBlocks: site.repeated.blocks,
    splitForTokens: site.overlong?.passages ?? 0,
    warnings,
    seconds: { total: (tWrite - t0) / 1000, extract: (tExtract - t0) / 1000, encode: (tEncode - tExtract) / 1000, write: (tWrite - tEncode) / 1000 },
    files: written.files.map(({ path, bytes }) => ({ path, bytes })),
    precompressed: options.precompress ? { files: siblings.siblings, compressed: siblings.compressed } : null,
    widget: written.files.some((f) => f.path === 'quarry.js'),
    model: { id: spec.id, dtype: model.buildDtype },
    staticTier: staticTier ? { reused: staticTier.tier.report === null, words: staticTier.tier.entry.words, lists: staticTier.tier.lists.length, nprobe: staticTier.tier.entry.nprobe, seconds: staticTier.seconds, report: staticTier.tier.report } : null,
  };
}

/** The static tier: the previous build's when nothing it depends on changed, else trained (issue 15). */
async function staticTierFor(
  passages: Passage[],
  inputs: string[],
  vectors: Float32Array[],
  keys: string[],
  previous: Manifest | null,
  outDir: string,
  options: BuildOptions,
  reporter: Reporter,
  encoder: () => Promise<Encoder>,
  modelKey: string,
): Promise<{ tier: StaticTier; seconds: number } | null> {
  const t0 = Date.now();
  const input = { passages, inputs, vectors, modelKey, passageKeys: keys, texts: options.staticTexts };
  const reused = await reusedStaticTier(previous, staticTierKey(input), (path) => readFile(join(outDir, path)).then((b) => new Uint8Array(b)));
  const tier = reused ?? (await buildStaticTier(input, encoder, reporter));
  if (!tier) return null;
  if (tier.report) {
    const r = tier.report;
    const chosen = r.probes.find((p) => p.nprobe === tier.entry.nprobe);
    const exhaustive = r.probes.find((p) => p.nprobe === 0);
    reporter.info(
      `Static tier: ${tier.entry.words} words (held-out cosine to the model ${r.table.heldOut.initial} → ${r.table.heldOut.mapped} mapped → ${r.table.heldOut.tuned} tuned), ` +
        `${r.lists} IVF lists, nprobe ${tier.entry.nprobe} (probe queries' page nDCG@10 ${chosen?.pageNdcg.toFixed(3)}, exhaustive ${exhaustive?.pageNdcg.toFixed(3)}; passage recall@10 ${chosen?.recall.toFixed(2)}; ${Math.round((chosen?.listBytes ?? 0) / 1024)} kB of lists per query)`,
    );
  }
  return { tier, seconds: (Date.now() - t0) / 1000 };
}

/**
 * onnxruntime-web's plain SIMD build (WASM backend, 14 MB), and with
 * `--webgpu` its asyncify build (26.9 MB), which the WebGPU backend needs.
 * The worker uses WebGPU only when the manifest lists the latter.
 */
export const WASM_RUNTIME = ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'];
export const WEBGPU_RUNTIME = ['ort-wasm-simd-threaded.asyncify.mjs', 'ort-wasm-simd-threaded.asyncify.wasm'];

function runtimeFiles(webgpu: boolean): string[] {
  const dist = join(dirname(createRequire(import.meta.url).resolve('onnxruntime-web')), '.');
  const files = [...WASM_RUNTIME, ...(webgpu ? WEBGPU_RUNTIME : [])].map((f) => join(dist, f));
  const missing = files.filter((f) => !existsSync(f));
  if (missing.length) throw new QuarryError('MODEL_NOT_FOUND', `onnxruntime-web runtime files are missing (${missing.join(', ')}). Reinstall Quarry's dependencies (npm ci).`);
  return files;
}

/**
 * `--sw`: a service worker at the site root (its scope must cover the pages)
 * that loads Quarry's precaching logic from the index folder.
 */
async function writeServiceWorker(siteDir: string, outDir: string): Promise<void> {
  const rel = relative(siteDir, outDir).split(sep).join('/');
  await writeFileAtomic(
    join(siteDir, 'quarry-sw.js'),
    `// Written by quarry build --sw. Register it with <quarry-search offline>.\n` +
      `self.QUARRY_INDEX_URL = ${JSON.stringify(`${rel}/`)};\n` +
      `self.QUARRY_CACHE_PAGES = true;\n` +
      `importScripts(${JSON.stringify(`${rel}/quarry-sw.js`)});\n`,
  );
}
