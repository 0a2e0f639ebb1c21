/**
 * Writes a new generation of the index into the live output folder without
 * ever leaving it incomplete:
 * 1. the new content-hashed files go in beside the old ones (each written to
 *    a temp name and renamed; see place-files.ts), listed first in the ledger;
 * 2. `manifest.json` is replaced last by one atomic rename: that is the
 *    commit, so a reader or a crash sees the old index or the new one;
 * 3. files that neither the new nor the previous manifest references are
 *    collected. One generation back is kept so a visitor whose page loaded
 *    the previous manifest can still fetch its files.
 * A failed or interrupted build leaves the previous index complete.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import { QuarryError } from '../../src/core/errors.ts';
import type { DocsFile, Passage } from '../../src/core/format/docs.ts';
import { INDEX_FORMAT, INDEX_VERSION, type Calibration, type FileEntry, type FusionSettings, type Manifest, type ModelSpec } from '../../src/core/format/manifest.ts';
import { Bm25Index, buildBm25 } from '../../src/core/lexical/bm25.ts';
import { buildTermIndex } from '../../src/core/lexical/terms.ts';
import { quantizeVectors } from '../../src/core/vector/vectors-format.ts';
import { CACHE_FILE, type BuildCacheFile } from '../encode/cache.ts';
import { syncDir, writeFileAtomic } from './atomic-file.ts';
import type { BuildLock } from './build-lock.ts';
import { manifestFiles, readCurrentManifest } from './index-folder.ts';
import { readLedger, writeLedger, LEDGER_FILE } from './ledger.ts';
import { Placement, planBytes, planCopy, removeFiles, type PlannedFile } from './place-files.ts';
import { pauseForTest } from './test-hooks.ts';

export const TEXT_SHARD_SIZE = 64;
/** Boost of title and breadcrumb terms over body text in BM25 (a page that names the term in a heading defines it). */
const TITLE_BOOST = 3;
const BREADCRUMB_BOOST = 2;

export interface IndexContents {
  passages: Passage[];
  vectors: Float32Array[];
  cacheKeys: string[];
  model: ModelSpec;
  /** Model files to copy into `models/<id>/` (absolute path → path below the model folder). */
  modelFiles: Array<{ from: string; to: string }>;
  /** Folder whose files (widget, worker) are copied into the index as they are. */
  assetsDir: string | null;
  /** onnxruntime-web's .mjs/.wasm files, copied into `ort/` (the site serves its own runtime). */
  runtimeFiles: string[];
  fusion?: FusionSettings;
  calibration?: Calibration;
  generator: string;
}

export interface WrittenIndex {
  manifest: Manifest;
  outDir: string;
  /** The files of the new generation with their sizes, for the build summary. */
  files: FileEntry[];
}

export async function writeIndex(outDir: string, contents: IndexContents, options: { lock?: BuildLock } = {}): Promise<WrittenIndex> {
  let previous: Manifest | null = null;
  let placement: Placement | null = null;
  let manifest: Manifest;
  let planned: PlannedFile[];
  try {
    await mkdir(outDir, { recursive: true });
    previous = await readCurrentManifest(outDir);
    ({ manifest, planned } = await planIndex(contents));
    const owned = await readLedger(outDir, previous);
    // Listed before placing, so a build killed midway leaves files the next one can find and collect.
    await writeLedger(outDir, [...owned, ...planned.map((f) => f.path)]);
    placement = new Placement(outDir);
    for (const file of planned) await placement.place(file);
    await placement.sync();
    await pauseForTest('before-manifest');
    await options.lock?.assertHeld();
    await writeFileAtomic(join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 1));
  } catch (e) {
    await placement?.rollback().catch(() => {});
    if (!previous) await removeFiles(outDir, [LEDGER_FILE]).catch(() => {});
    const why = e instanceof QuarryError ? e.message : `Writing the index to ${outDir} failed: ${(e as Error).message}.`;
    throw new QuarryError(e instanceof QuarryError ? e.code : 'OUTPUT_UNWRITABLE', `${why} The previous index${previous ? '' : ', if any,'} is unchanged.`, { cause: e });
  }

  // The new index is live from here on: a failure below must not claim otherwise.
  try {
    await syncDir(outDir);
    await placement.commit();
    await pauseForTest('after-manifest');
    const cache: BuildCacheFile = { version: 1, modelHash: contents.model.hash, vectors: { path: manifest.files.vectors.path, sha256: manifest.files.vectors.sha256 }, keys: contents.cacheKeys };
    await writeFileAtomic(join(outDir, CACHE_FILE), JSON.stringify(cache));
    const keep = new Set([...manifestFiles(manifest), ...(previous ? manifestFiles(previous) : [])]);
    const owned = await readLedger(outDir, null);
    await removeFiles(outDir, [...owned].filter((p) => !keep.has(p)));
    await writeLedger(outDir, keep);
  } catch (e) {
    throw new QuarryError('OUTPUT_UNWRITABLE', `The new index is in place in ${outDir}, but tidying up after it failed: ${(e as Error).message}. The next build finishes the clean-up.`, { cause: e });
  }
  return { manifest, outDir, files: await writtenFiles(outDir, manifest) };
}

/** Everything the new generation consists of, computed before anything is written. */
async function planIndex(c: IndexContents): Promise<{ manifest: Manifest; planned: PlannedFile[] }> {
  const { passages } = c;
  const pageIndex = new Map<string, number>();
  const docs: DocsFile = { pages: [], passages: [] };
  for (const p of passages) {
    let page = pageIndex.get(p.url);
    if (page === undefined) {
      page = docs.pages.length;
      pageIndex.set(p.url, page);
      docs.pages.push([p.url, p.title, p.lang, Object.keys(p.meta).length ? p.meta : 0]);
    }
    docs.passages.push([page, p.anchor, p.breadcrumb, p.words, p.weight, p.subsections.length ? p.subsections.map((s) => [s.anchor, s.heading]) : 0]);
  }

  const lexical = buildBm25(
    passages.map((p) => ({
      fields: [
        { text: p.title, boost: TITLE_BOOST },
        { text: [...p.breadcrumb.filter((b) => b !== p.title), ...p.subsections.map((s) => s.heading)].join(' '), boost: BREADCRUMB_BOOST },
        { text: p.text, boost: 1 },
      ],
    })),
  );

  const terms = await buildTermIndex([...Bm25Index.decode(lexical).vocabulary()]);

  const text: PlannedFile[] = [];
  for (let s = 0; s * TEXT_SHARD_SIZE < passages.length; s++) {
    const shard = passages.slice(s * TEXT_SHARD_SIZE, (s + 1) * TEXT_SHARD_SIZE).map((p) => p.text);
    text.push(hashed(`text/${s}`, 'json', JSON.stringify(shard)));
  }
  const data = {
    docs: hashed('docs', 'json', JSON.stringify(docs)),
    vectors: hashed('vectors', 'bin', quantizeVectors(c.vectors)),
    lexical: hashed('lexical', 'bin', lexical),
    terms: hashed('terms', 'json', terms),
  };

  // Content-addressed model folder: browsers may cache model files by URL forever.
  const modelPath = `models/${c.model.hash.slice(0, 12)}/`;
  const model: PlannedFile[] = [];
  for (const f of c.modelFiles) model.push(await planCopy(`${modelPath}${c.model.id}/${f.to}`, f.from));
  const assets: PlannedFile[] = [];
  if (c.assetsDir) {
    for (const name of (await readdir(c.assetsDir, { recursive: true })).map(String).sort()) {
      const from = join(c.assetsDir, name);
      if ((await stat(from)).isFile()) assets.push(await planCopy(name.split(sep).join('/'), from));
    }
  }
  for (const f of c.runtimeFiles) assets.push(await planCopy(`ort/${basename(f)}`, f));

  const entry = ({ path, bytes, sha256 }: PlannedFile): FileEntry => ({ path, bytes, sha256 });
  const manifest: Manifest = {
    format: INDEX_FORMAT,
    version: INDEX_VERSION,
    generator: c.generator,
    builtAt: new Date().toISOString(),
    model: { ...c.model, path: c.modelFiles.length ? modelPath : c.model.path },
    counts: { pages: docs.pages.length, passages: passages.length, textShards: text.length },
    textShardSize: TEXT_SHARD_SIZE,
    files: {
      docs: entry(data.docs),
      vectors: entry(data.vectors),
      lexical: entry(data.lexical),
      terms: entry(data.terms),
      text: text.map(entry),
      model: model.map(entry),
      assets: assets.map(entry),
    },
    ...(c.fusion ? { fusion: c.fusion } : {}),
    ...(c.calibration ? { calibration: c.calibration } : {}),
  };
  // Stable-named files last: they are the only ones a reader of the previous manifest can see change.
  return { manifest, planned: [...text, data.docs, data.vectors, data.lexical, data.terms, ...model, ...assets] };
}

function hashed(name: string, ext: string, data: string | Uint8Array): PlannedFile {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return planBytes(`${name}.${sha256.slice(0, 12)}.${ext}`, bytes);
}

/** The files of this generation (not the kept previous one), for the build summary. */
async function writtenFiles(outDir: string, manifest: Manifest): Promise<FileEntry[]> {
  const own = [manifest.files.docs, manifest.files.vectors, manifest.files.lexical, manifest.files.terms, ...manifest.files.text, ...manifest.files.model, ...manifest.files.assets];
  for (const path of ['manifest.json', CACHE_FILE]) own.push({ path, bytes: (await stat(join(outDir, path))).size, sha256: '' });
  return own.sort((a, b) => a.path.localeCompare(b.path));
}
