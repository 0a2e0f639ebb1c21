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
import type { DocsFile, Passage, TextShard } from '../../src/core/format/docs.ts';
import { INDEX_FORMAT, INDEX_VERSION, SHARD_HASH_CHARS, TABLES_DIR, type Calibration, type FileEntry, type FusionSettings, type Manifest, type ModelSpec, type ShardKey, type ShardSet, type ShardTable } from '../../src/core/format/manifest.ts';
import { collectBm25, splitBm25 } from '../../src/core/lexical/bm25.ts';
import { encodeUtf8 } from '../../src/core/lexical/bytes.ts';
import { buildTermIndex } from '../../src/core/lexical/terms.ts';
import { headingWordCounts } from '../../src/core/search/suggest.ts';
import { quantizeVectors } from '../../src/core/vector/vectors-format.ts';
import { CACHE_FILE, type BuildCacheFile } from '../encode/cache.ts';
import { syncDir, writeFileAtomic } from './atomic-file.ts';
import type { BuildLock } from './build-lock.ts';
import { manifestFiles, readCurrentManifest } from './index-folder.ts';
import { readLedger, writeLedger, LEDGER_FILE } from './ledger.ts';
import { Placement, planBytes, planCopy, removeFiles, type PlannedFile } from './place-files.ts';
import { contentDefinedCuts, POSTINGS_SHARDS, TABLE_SHARDS, TEXT_SHARDS } from './shard-cuts.ts';
import { pauseForTest } from './test-hooks.ts';
import type { StaticTier } from '../static-tier/build-static-tier.ts';
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
  /** The first-keystroke semantic tier (build-index/static-tier/). */
  staticTier?: StaticTier | null;
  generator: string;
}

export interface WrittenIndex {
  manifest: Manifest;
  outDir: string;
  /** The files of the new generation with their sizes, for the build summary. */
  files: Array<Required<FileEntry>>;
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
    // Compact: it is fetched on every visit, and a large site lists a thousand shards in it.
    await writeFileAtomic(join(outDir, 'manifest.json'), JSON.stringify(manifest));
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
    // This generation's files are the plan (shards and tables included); the previous one's are read from its tables on disk.
    const keep = new Set([...planned.map((f) => f.path), ...(previous ? await manifestFiles(outDir, previous) : [])]);
    const owned = await readLedger(outDir, null);
    await removeFiles(outDir, [...owned].filter((p) => !keep.has(p)));
    await writeLedger(outDir, keep);
  } catch (e) {
    throw new QuarryError('OUTPUT_UNWRITABLE', `The new index is in place in ${outDir}, but tidying up after it failed: ${(e as Error).message}. The next build finishes the clean-up.`, { cause: e });
  }
  return { manifest, outDir, files: await writtenFiles(outDir, planned) };
}

/** Everything the new generation consists of, computed before anything is written. */
async function planIndex(c: IndexContents): Promise<{ manifest: Manifest; planned: PlannedFile[] }> {
  const { passages } = c;
  const docs = docsFile(passages);

  const bm25 = collectBm25(
    passages.map((p) => ({
      fields: [
        { text: p.title, boost: TITLE_BOOST },
        { text: [...p.breadcrumb.filter((b) => b !== p.title), ...p.subsections.map((s) => s.heading)].join(' '), boost: BREADCRUMB_BOOST },
        { text: p.text, boost: 1 },
      ],
    })),
  );
  const postingsCuts = contentDefinedCuts(
    bm25.terms.map((term, t) => ({ key: term, bytes: encodeUtf8(term).length + 4 + bm25.postings[t].ids.length * 3, canCut: true })),
    POSTINGS_SHARDS,
  );
  const lexical = splitBm25(bm25, postingsCuts);
  const postings = shardSet('lexical', 'bin', lexical.shards.map((s) => ({ first: s.first, data: s.bytes })));
  const pageStarts = passages.map((p, i) => i === 0 || passages[i - 1].url !== p.url);
  const terms = await buildTermIndex(bm25.terms, headingWordCounts(passages.flatMap((p, i) => [...(pageStarts[i] ? [p.title] : []), p.breadcrumb[p.breadcrumb.length - 1] ?? ''])));

  const records: TextShard['passages'] = passages.map((p) => [p.anchor, p.breadcrumb, p.subsections.length ? p.subsections.map((s) => [s.anchor, s.heading]) : 0, p.text]);
  const recordBytes = records.map((r) => JSON.stringify(r).length);
  const textCuts = contentDefinedCuts(
    passages.map((p, i) => ({ key: p.url, bytes: recordBytes[i], canCut: pageStarts[i] })),
    TEXT_SHARDS,
  );
  const text = shardSet(
    'text',
    'json',
    textCuts.map((from, i) => {
      const to = textCuts[i + 1] ?? passages.length;
      // Pages in order, without ids: a shard's bytes depend on its own passages only, so it keeps its name when others change.
      const pages: TextShard['pages'] = [];
      for (let id = from; id < to; id++) if (id === from || pageStarts[id]) pages.push([passages[id].url, passages[id].title, passages[id].lang]);
      const shard: TextShard = { pages, passages: records.slice(from, to) };
      return { first: from, data: JSON.stringify(shard) };
    }),
  );
  const data = {
    docs: hashed('docs', 'json', JSON.stringify(docs)),
    vectors: hashed('vectors', 'bin', quantizeVectors(c.vectors)),
    lexical: hashed('lexical', 'bin', lexical.core),
    terms: hashed('terms', 'json', terms),
  };

  const tier = c.staticTier
    ? {
        rows: shardSet('static', 'bin', c.staticTier.rowShards),
        centroids: hashed('ivf', 'bin', c.staticTier.centroids),
        lists: shardSet('ivf', 'bin', c.staticTier.lists.map((data, first) => ({ first, data }))),
      }
    : null;

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
    counts: { pages: docs.pages.passages.length, passages: passages.length },
    files: {
      docs: entry(data.docs),
      vectors: entry(data.vectors),
      lexical: entry(data.lexical),
      postings: postings.set,
      terms: entry(data.terms),
      text: text.set,
      ...(tier ? { staticRows: tier.rows.set, ivfCentroids: entry(tier.centroids), ivfLists: tier.lists.set } : {}),
      model: model.map(entry),
      assets: assets.map(entry),
    },
    ...(c.fusion ? { fusion: c.fusion } : {}),
    ...(c.calibration ? { calibration: c.calibration } : {}),
    ...(c.staticTier ? { staticTier: c.staticTier.entry } : {}),
  };
  // Stable-named files last: they are the only ones a reader of the previous manifest can see change.
  const tierFiles = tier ? [...tier.rows.files, ...tier.lists.files, tier.centroids] : [];
  return { manifest, planned: [...postings.files, ...text.files, ...tierFiles, data.docs, data.vectors, data.lexical, data.terms, ...model, ...assets] };
}

/** Passages per page, page meta, sections as runs and the weights that are not 1. A page's passages must be consecutive. */
function docsFile(passages: readonly Passage[]): DocsFile {
  const docs: DocsFile = { pages: { passages: [], meta: [] }, sections: [], weights: [] };
  const seen = new Set<string>();
  passages.forEach((p, i) => {
    const prev = passages[i - 1];
    if (prev?.url !== p.url) {
      if (seen.has(p.url)) throw new Error(`passages of ${p.url} are not consecutive (passage ${i}); this is a Quarry bug, please report it`);
      seen.add(p.url);
      docs.pages.passages.push(0);
      docs.pages.meta.push(Object.keys(p.meta).length ? p.meta : 0);
    }
    docs.pages.passages[docs.pages.passages.length - 1]++;
    if (prev?.url !== p.url || prev.anchor !== p.anchor) docs.sections.push(0);
    docs.sections[docs.sections.length - 1]++;
    if (p.weight !== 1) {
      const run = docs.weights[docs.weights.length - 1];
      if (run && run[0] + run[1] === i && run[2] === p.weight) run[1]++;
      else docs.weights.push([i, 1, p.weight]);
    }
  });
  return docs;
}

/**
 * Shard files named by content alone (`<dir>/<hash>.<ext>`), so an unchanged
 * shard keeps its URL, and the tables that list them (`<dir>/tables/<hash>.json`),
 * cut by content too, so an edit rewrites the tables near it only.
 */
function shardSet<K extends ShardKey>(dir: string, ext: string, parts: Array<{ first: K; data: string | Uint8Array }>): { set: ShardSet<K>; files: PlannedFile[] } {
  const shards = contentNamed(dir, ext, parts.map((p) => p.data));
  const cuts = contentDefinedCuts(shards.hashes.map((hash) => ({ key: hash, bytes: 1, canCut: true })), TABLE_SHARDS);
  const tables = cuts.map((from, i): ShardTable<K> => {
    const to = cuts[i + 1] ?? parts.length;
    return { hashes: shards.hashes.slice(from, to).join(''), first: parts.slice(from, to).map((p) => p.first) };
  });
  const tableFiles = contentNamed(`${dir}/${TABLES_DIR}`, 'json', tables.map((t) => JSON.stringify(t)));
  const set: ShardSet<K> = { dir, ext, tables: { hashes: tableFiles.hashes.join(''), first: tables.map((t) => t.first[0]) } };
  return { set, files: [...shards.files, ...tableFiles.files] };
}

function contentNamed(dir: string, ext: string, parts: Array<string | Uint8Array>): { hashes: string[]; files: PlannedFile[] } {
  const files: PlannedFile[] = [];
  const hashes: string[] = [];
  const seen = new Set<string>();
  for (const data of parts) {
    const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    const hash = createHash('sha256').update(bytes).digest('hex').slice(0, SHARD_HASH_CHARS);
    hashes.push(hash);
    // Two identical shards (empty pages' passages, say) are one file.
    if (!seen.has(hash)) files.push(planBytes(`${dir}/${hash}.${ext}`, bytes));
    seen.add(hash);
  }
  return { hashes, files };
}

function hashed(name: string, ext: string, data: string | Uint8Array): PlannedFile {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  return planBytes(`${name}.${sha256.slice(0, 12)}.${ext}`, bytes);
}

/** The files of this generation (not the kept previous one), for the build summary. */
async function writtenFiles(outDir: string, planned: readonly PlannedFile[]): Promise<Array<Required<FileEntry>>> {
  const own: FileEntry[] = [...planned.map(({ path, bytes, sha256 }) => ({ path, bytes, sha256 })), { path: 'manifest.json', sha256: '' }, { path: CACHE_FILE, sha256: '' }];
  const sized = await Promise.all(own.map(async (e) => ({ ...e, bytes: e.bytes ?? (await stat(join(outDir, e.path))).size })));
  return sized.sort((a, b) => a.path.localeCompare(b.path));
}
