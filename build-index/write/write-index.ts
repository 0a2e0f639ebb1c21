/**
 * Writes a complete index into a temporary folder next to the target and
 * swaps it into place only at the end, so a failed or interrupted build
 * leaves the previous index untouched.
 */
import { createHash } from 'node:crypto';
import { cp, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join, relative, sep } from 'node:path';
import { QuarryError } from '../../src/core/errors.ts';
import type { DocsFile, Passage } from '../../src/core/format/docs.ts';
import { INDEX_FORMAT, INDEX_VERSION, type FileEntry, type FusionSettings, type Manifest, type ModelSpec } from '../../src/core/format/manifest.ts';
import { Bm25Index, buildBm25 } from '../../src/core/lexical/bm25.ts';
import { buildTermIndex } from '../../src/core/lexical/terms.ts';
import { quantizeVectors } from '../../src/core/vector/vectors-format.ts';
import { CACHE_FILE, type BuildCacheFile } from '../encode/cache.ts';

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
  generator: string;
}

export interface WrittenIndex {
  manifest: Manifest;
  outDir: string;
  /** Every file written with its size, for the build summary. */
  files: FileEntry[];
}

export async function writeIndex(outDir: string, contents: IndexContents): Promise<WrittenIndex> {
  const tmp = join(dirname(outDir), `.${basename(outDir)}.tmp-${process.pid}-${Date.now()}`);
  try {
    await mkdir(tmp, { recursive: true });
  } catch (e) {
    throw new QuarryError('OUTPUT_UNWRITABLE', `Cannot create the index folder next to ${outDir}: ${(e as Error).message}. Choose another --out or fix its permissions.`, { cause: e });
  }
  try {
    const manifest = await writeAll(tmp, contents);
    await swapInto(tmp, outDir);
    return { manifest, outDir, files: await listFiles(outDir) };
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    if (e instanceof QuarryError) throw e;
    throw new QuarryError('OUTPUT_UNWRITABLE', `Writing the index to ${outDir} failed: ${(e as Error).message}. The previous index, if any, is unchanged.`, { cause: e });
  }
}

async function writeAll(dir: string, c: IndexContents): Promise<Manifest> {
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

  const text: FileEntry[] = [];
  for (let s = 0; s * TEXT_SHARD_SIZE < passages.length; s++) {
    const shard = passages.slice(s * TEXT_SHARD_SIZE, (s + 1) * TEXT_SHARD_SIZE).map((p) => p.text);
    text.push(await writeHashed(dir, `text/${s}`, 'json', JSON.stringify(shard)));
  }

  // Content-addressed model folder: browsers may cache model files by URL forever.
  const modelPath = `models/${c.model.hash.slice(0, 12)}/`;
  const modelFiles: FileEntry[] = [];
  for (const f of c.modelFiles) {
    const to = `${modelPath}${c.model.id}/${f.to}`;
    await mkdir(dirname(join(dir, to)), { recursive: true });
    await cp(f.from, join(dir, to));
    modelFiles.push(await entryFor(dir, to));
  }
  const assets: FileEntry[] = [];
  if (c.assetsDir) {
    for (const name of (await readdir(c.assetsDir, { recursive: true })).map(String).sort()) {
      const from = join(c.assetsDir, name);
      if (!(await stat(from)).isFile()) continue;
      await mkdir(dirname(join(dir, name)), { recursive: true });
      await cp(from, join(dir, name));
      assets.push(await entryFor(dir, name.split(sep).join('/')));
    }
  }
  await mkdir(join(dir, 'ort'), { recursive: true });
  for (const f of c.runtimeFiles) {
    await cp(f, join(dir, 'ort', basename(f)));
    assets.push(await entryFor(dir, `ort/${basename(f)}`));
  }

  const manifest: Manifest = {
    format: INDEX_FORMAT,
    version: INDEX_VERSION,
    generator: c.generator,
    builtAt: new Date().toISOString(),
    model: { ...c.model, path: c.modelFiles.length ? modelPath : c.model.path },
    counts: { pages: docs.pages.length, passages: passages.length, textShards: text.length },
    textShardSize: TEXT_SHARD_SIZE,
    files: {
      docs: await writeHashed(dir, 'docs', 'json', JSON.stringify(docs)),
      vectors: await writeHashed(dir, 'vectors', 'bin', quantizeVectors(c.vectors)),
      lexical: await writeHashed(dir, 'lexical', 'bin', lexical),
      terms: await writeHashed(dir, 'terms', 'json', terms),
      text,
      model: modelFiles,
      assets,
    },
    ...(c.fusion ? { fusion: c.fusion } : {}),
  };
  const cache: BuildCacheFile = { version: 1, modelHash: c.model.hash, keys: c.cacheKeys };
  await writeFile(join(dir, CACHE_FILE), JSON.stringify(cache));
  // The manifest goes last: a folder without one is never mistaken for an index.
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 1));
  return manifest;
}

async function writeHashed(dir: string, name: string, ext: string, data: string | Uint8Array): Promise<FileEntry> {
  const bytes = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const path = `${name}.${sha256.slice(0, 12)}.${ext}`;
  await mkdir(dirname(join(dir, path)), { recursive: true });
  await writeFile(join(dir, path), bytes);
  return { path, bytes: bytes.byteLength, sha256 };
}

async function entryFor(dir: string, path: string): Promise<FileEntry> {
  const bytes = await readFile(join(dir, path));
  return { path, bytes: bytes.byteLength, sha256: createHash('sha256').update(bytes).digest('hex') };
}

async function swapInto(tmp: string, outDir: string): Promise<void> {
  const old = join(dirname(outDir), `.${basename(outDir)}.old-${process.pid}-${Date.now()}`);
  const hadOld = await stat(outDir).then(() => true, () => false);
  if (hadOld) await rename(outDir, old);
  try {
    await rename(tmp, outDir);
  } catch (e) {
    if (hadOld) await rename(old, outDir);
    throw e;
  }
  if (hadOld) await rm(old, { recursive: true, force: true });
}

async function listFiles(dir: string): Promise<FileEntry[]> {
  const out: FileEntry[] = [];
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const abs = join(entry.parentPath, entry.name);
    out.push({ path: relative(dir, abs).split(sep).join('/'), bytes: (await stat(abs)).size, sha256: '' });
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}
