/**
 * The first-keystroke semantic tier (issue 15) for one build: the static
 * query encoder's rows (train-table.ts), the IVF lists (ivf.ts) with the
 * nprobe they need, and "no good match" floors measured with the static
 * encoder. Only training needs the full model; a rebuild whose passages
 * and model are unchanged reuses the previous tier's files untouched.
 */
import { createHash } from 'node:crypto';
import type { Encoder } from '../../src/core/encoder.ts';
import type { Passage } from '../../src/core/format/docs.ts';
import type { Manifest, ShardSet, ShardTable, StaticTierEntry } from '../../src/core/format/manifest.ts';
import { shardEntries, tableEntries } from '../../src/core/format/shard-tables.ts';
import { encodeUtf8 } from '../../src/core/lexical/bytes.ts';
import { contentDefinedCuts, ROW_SHARDS } from '../write/shard-cuts.ts';
import { encodeRows, quantizeRow, type FloatRow, type StaticRow } from '../../src/core/static/rows-format.ts';
import { staticEncoder } from '../../src/core/static/static-encoder.ts';
import { decodeCentroids, encodeCentroids, encodeList as encodeListFile, type IvfCentroids, type IvfList } from '../../src/core/vector/ivf-format.ts';
import type { Reporter } from '../reporter.ts';
import { calibrateIndex } from '../calibrate/calibrate-index.ts';
import { buildIvf, chooseProbe, IVF_SETTINGS, probeFigures, type ProbeFigure, type ProbeQuery } from './ivf.ts';
import { splitSentences } from '../../src/core/text/sentences.ts';
import { TABLE_SETTINGS, trainTable, type TableReport } from './train-table.ts';
import { trainingTexts } from './training-texts.ts';

/** Bumped when training or partitioning changes, so a rebuild retrains. */
const PROCEDURE = 6;
/** See the calibration below. */
const STATIC_IN_DOMAIN_QUANTILE = 0.01;
/** Passages (with the vectors the build has) added to the training texts. */
const PASSAGE_TEXTS = 1000;
const PASSAGE_WORDS = 128;
/** Probe queries for choosing nprobe. */
const PROBE_QUERIES = 300;

export interface StaticTierInput {
  passages: readonly Passage[];
  /** Encoder inputs of the passages, and their vectors (unit length). */
  inputs: readonly string[];
  vectors: readonly Float32Array[];
  /** Model identity and passage cache keys: what the tier depends on. */
  modelKey: string;
  passageKeys: readonly string[];
  /** Training texts encoded with the full model. */
  texts: number;
}

/** The tier as files: what write-index places (a fresh build's or the previous build's, reused). */
export interface StaticTier {
  entry: StaticTierEntry;
  rowShards: Array<{ first: string; data: Uint8Array }>;
  centroids: Uint8Array;
  /** List l's file. */
  lists: Uint8Array[];
  /** Null when reused. */
  report: StaticTierReport | null;
}

export interface StaticTierReport {
  table: TableReport;
  lists: number;
  probes: ProbeFigure[];
  seconds: { texts: number; train: number; ivf: number };
}

export function staticTierKey(input: Pick<StaticTierInput, 'modelKey' | 'passageKeys' | 'texts'>): string {
  const h = createHash('sha256').update(`quarry-static-tier:${PROCEDURE}\n${input.modelKey}\n${input.texts}\n`);
  for (const k of input.passageKeys) h.update(k).update('\n');
  return h.digest('hex').slice(0, 16);
}

/**
 * The previous build's tier when it was built from the same passages and
 * model (its files read back from `readShards`), else null.
 */
export async function reusedStaticTier(previous: Manifest | null | undefined, key: string, read: (path: string) => Promise<Uint8Array>): Promise<StaticTier | null> {
  const f = previous?.files;
  if (previous?.staticTier?.key !== key || !f?.staticRows || !f.ivfCentroids || !f.ivfLists) return null;
  try {
    const shards = async <K extends string | number>(set: ShardSet<K>) => {
      const out: Array<{ first: K; data: Uint8Array }> = [];
      for (const t of tableEntries(set)) {
        const table = JSON.parse(new TextDecoder().decode(await read(t.path))) as ShardTable<K>;
        const entries = shardEntries(set, table);
        for (let i = 0; i < entries.length; i++) out.push({ first: table.first[i], data: await read(entries[i].path) });
      }
      return out;
    };
    return { entry: previous.staticTier, rowShards: await shards(f.staticRows), centroids: await read(f.ivfCentroids.path), lists: (await shards(f.ivfLists)).map((s) => s.data), report: null };
  } catch {
    return null; // a file is gone or damaged: train again
  }
}

export async function buildStaticTier(input: StaticTierInput, encoder: () => Promise<Encoder & { encodeBatched?: (t: string[], k: 'query') => Promise<Float32Array[]> }>, reporter: Reporter): Promise<StaticTier | null> {
  if (input.vectors.length === 0) return null;
  const t0 = Date.now();
  const enc = await encoder();
  const encodeAll = async (texts: string[], phase: string): Promise<Float32Array[]> => {
    // Similar lengths per batch: little padding.
    const order = texts.map((_, i) => i).sort((a, b) => texts[a].length - texts[b].length || a - b);
    const out: Float32Array[] = new Array(texts.length);
    reporter.phase(phase, texts.length);
    const BATCH = 64;
    for (let s = 0; s < order.length; s += BATCH) {
      const batch = order.slice(s, s + BATCH);
      (await enc.encode(batch.map((i) => texts[i]), 'query')).forEach((v, j) => (out[batch[j]] = v));
      reporter.tick(Math.min(s + BATCH, order.length));
    }
    reporter.end();
    return out;
  };
  const texts = trainingTexts(input.passages, { total: input.texts, seed: TABLE_SETTINGS.seed });
  const textVectors = await encodeAll(texts, 'Static tier: encoding training texts');
  const step = Math.max(1, input.inputs.length / PASSAGE_TEXTS);
  const passageTexts: Array<{ text: string; vector: Float32Array }> = [];
  for (let i = 0; i < input.inputs.length; i += step) passageTexts.push({ text: input.inputs[Math.floor(i)].split(/\s+/u).slice(0, PASSAGE_WORDS).join(' '), vector: input.vectors[Math.floor(i)] });
  const t1 = Date.now();
  const { rows, report: table } = await trainTable(
    { corpus: input.inputs, texts: [...texts.map((text, i) => ({ text, vector: textVectors[i] })), ...passageTexts] },
    async (words) => {
      const vectors = await encodeAll(words, 'Static tier: encoding words');
      reporter.phase('Static tier: training the word table', TABLE_SETTINGS.steps);
      return vectors;
    },
    TABLE_SETTINGS,
    (s) => reporter.tick(s),
  );
  reporter.end();
  const t2 = Date.now();
  rows.sort((a, b) => (a.word < b.word ? -1 : a.word > b.word ? 1 : 0));

  const built = buildIvf(input.vectors);
  const listFiles = built.lists.map((l) => encodeListFile(l.ids, l.codes, built.codeBytes));
  const centroidsFile = encodeCentroids(built.centroids);
  // Measured as the browser holds it: int8 centroids and codebook, int8 rows.
  const loaded = decodeCentroids(centroidsFile, 'ivf');
  const lists: Array<[number, IvfList]> = built.lists.map((l, i) => [i, { ids: Uint32Array.from(l.ids), codes: l.codes, codeBytes: built.codeBytes }]);
  const encoderOfRows = rowEncoder(rows, loaded.dims);
  const pageOf = pageIndex(input.passages);
  const probes = await probeQueries(input.passages, encoderOfRows, pageOf);
  const figures = probeFigures(probes, input.vectors, loaded, lists, pageOf, IVF_SETTINGS.probes);
  const chosen = chooseProbe(figures, IVF_SETTINGS.target, IVF_SETTINGS.maxListBytes);
  const t3 = Date.now();
  // "No good match" on this tier's own scale: its cosines run higher than the model's, and its
  // off-topic and in-domain scores overlap (PostgreSQL: off-topic p95 0.50, headings p05 0.49),
  // so the floor sits under all but 1% of the site's headings: a wrong "no good match" costs
  // more than an off-topic answer, which the full model corrects from the second query on.
  const calibration = await calibrateIndex(
    { passages: input.passages, vectors: input.vectors, modelKey: `static:${input.modelKey}`, passageKeys: input.passageKeys, inDomainQuantile: STATIC_IN_DOMAIN_QUANTILE },
    async () => encoderOfRows,
  );
  const cuts = contentDefinedCuts(rows.map((r) => ({ key: r.word, bytes: encodeUtf8(r.word).length + 9 + loaded.dims, canCut: true })), ROW_SHARDS);
  const rowShards = cuts.map((from, i) => ({ first: rows[from].word, data: encodeRows(rows.slice(from, cuts[i + 1] ?? rows.length), loaded.dims) }));
  return {
    entry: { version: 1, nprobe: chosen.nprobe, words: rows.length, ...(calibration ? { calibration } : {}), key: staticTierKey(input) },
    rowShards,
    centroids: centroidsFile,
    lists: listFiles,
    report: { table, lists: loaded.lists, probes: figures, seconds: { texts: (t1 - t0) / 1000, train: (t2 - t1) / 1000, ivf: (t3 - t2) / 1000 } },
  };
}

/** The static encoder over rows as the browser holds them (int8). */
export function rowEncoder(rows: readonly FloatRow[], dims: number): Encoder {
  const table = new Map<string, StaticRow>(rows.map((r) => [r.word, { weight: r.weight, ...quantizeRow(r.vector) }]));
  return staticEncoder(dims, async () => table);
}

/**
 * Probe queries spread over the site: each sampled passage's heading and one
 * of its sentences, with its page as the answer, as the static encoder sees them.
 */
async function probeQueries(passages: readonly Passage[], encoder: Encoder, pageOf: (id: number) => number): Promise<ProbeQuery[]> {
  const picked: Array<{ text: string; page: number }> = [];
  const step = Math.max(1, passages.length / (PROBE_QUERIES / 2));
  for (let i = 0; i < passages.length; i += step) {
    const id = Math.floor(i);
    const p = passages[id];
    const heading = (p.breadcrumb[p.breadcrumb.length - 1] ?? p.title).replace(/^[\dA-Z]{0,2}(?:\.\d+)*\.?\s+/u, '').trim();
    if (heading.split(/\s+/u).length >= 2) picked.push({ text: heading, page: pageOf(id) });
    const sentence = splitSentences(p.text).find((s) => s.kind === 'prose' && s.text.split(/\s+/u).length >= 5);
    if (sentence) picked.push({ text: sentence.text.split(/\s+/u).slice(0, 12).join(' '), page: pageOf(id) });
  }
  const vectors = await encoder.encode(picked.map((q) => q.text), 'query');
  return picked.map((q, i) => ({ vector: vectors[i], page: q.page })).filter((q) => q.vector.some((x) => x !== 0));
}

function pageIndex(passages: readonly Passage[]): (id: number) => number {
  const page = new Int32Array(passages.length);
  let p = -1;
  passages.forEach((x, i) => (page[i] = i === 0 || passages[i - 1].url !== x.url ? ++p : p));
  return (id) => page[id];
}

export type { IvfCentroids };
