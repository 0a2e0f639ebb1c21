/**
 * manifest.json — the one small file a client reads first. Every other file
 * of an index is content-hashed (`name.<hash>.ext`) and listed here with its
 * size and sha256, so a cache can never mix files of two builds.
 */
export const INDEX_FORMAT = 'quarry-index';
export const INDEX_VERSION = 3;

export type Pooling = 'mean' | 'cls';
export type ModelDtype = 'fp32' | 'fp16' | 'q8';

/** Everything needed to encode a query exactly as the passages were encoded. */
export interface ModelSpec {
  /** e.g. "quarry/all-MiniLM-L6-v2" or "Xenova/bge-small-en-v1.5". */
  id: string;
  /** sha256 over the model's files (config, tokenizer, onnx); a query model must match it. */
  hash: string;
  dims: number;
  pooling: Pooling;
  normalize: boolean;
  queryPrefix: string;
  passagePrefix: string;
  /** The dtype the browser should load (smallest accurate one). */
  dtype: ModelDtype;
  /**
   * Where the browser finds the model folder, relative to the index folder
   * (`models/`) or an absolute URL when built with --no-copy-model.
   * transformers.js resolves `<path>/<id>/onnx/...` below it.
   */
  path: string | null;
  /** Max tokens the encoder sees; longer passages are truncated by the tokenizer. */
  maxTokens: number;
}

export interface FileEntry {
  /** Path relative to the index folder, posix separators. */
  path: string;
  /** Absent for a shard or a shard table (listed without sizes, see ShardTable): its hash is checked instead. */
  bytes?: number;
  sha256: string;
}

export type FusionMethod = 'minmax' | 'zscore' | 'rrf';

/**
 * Where a run of consecutive shards is: shard `i` is the file
 * `<dir>/<hash i>.<ext>`, where `hashes` holds each shard's first
 * SHARD_HASH_CHARS hex digits of sha256 end to end (a reader checks that
 * prefix), and `first[i]` is the smallest key it holds (ascending). The name
 * carries no position, so an unchanged shard keeps its URL across builds and
 * a repeat visitor's cache keeps it.
 */
export interface ShardTable<K extends ShardKey> {
  hashes: string;
  first: K[];
}

/** A postings shard holds a range of terms; a text shard a range of passage ids. */
export type ShardKey = string | number;

/**
 * Many small files of one kind, in two levels, so that no first visit reads
 * a list that grows with the site: the manifest's `tables` lists table files
 * (`<dir>/tables/<hash>.json`, each a ShardTable of a run of consecutive
 * shards, keyed by its first shard's key), and a query reads only the tables
 * that hold the keys it needs.
 */
export interface ShardSet<K extends ShardKey> {
  dir: string;
  ext: string;
  tables: ShardTable<K>;
}

/** The folder below a shard set's `dir` that holds its tables. */
export const TABLES_DIR = 'tables';

export const SHARD_HASH_CHARS = 12;

export interface FusionSettings {
  method: FusionMethod;
  /** Weight of the lexical list; dense gets 1 - lexical. Ignored by rrf. */
  lexicalWeight: number;
  /** RRF constant. */
  rrfK: number;
  /** Lexical weight used instead when the query looks like an identifier/code. */
  literalLexicalWeight: number;
}

export interface Manifest {
  format: typeof INDEX_FORMAT;
  version: number;
  /** "quarry@x.y.z" */
  generator: string;
  builtAt: string;
  model: ModelSpec;
  counts: { pages: number; passages: number };
  files: {
    /** How many passages each page has, page meta and author weights (format/docs.ts). */
    docs: FileEntry;
    vectors: FileEntry;
    /** BM25 passage count and average length: with the postings shards a query needs, enough for keyword search. */
    lexical: FileEntry;
    /** BM25 postings (with each passage's length and section) by term range, fetched for the terms a query has. */
    postings: ShardSet<string>;
    /** FlexSearch export over the vocabulary (near spellings), fetched on the first word no shard knows. */
    terms: FileEntry;
    /** Passage text, breadcrumbs, anchors and pages by passage range, fetched for the results shown (keys: first passage id). */
    text: ShardSet<number>;
    /** Model files when copied into the index (for caching / offline precache). */
    model: FileEntry[];
    /** The static encoder's word rows by word range (core/static/rows-format.ts); with `staticTier`. */
    staticRows?: ShardSet<string>;
    /** IVF centroids, PQ codebook and list sizes (core/vector/ivf-format.ts); with `staticTier`. */
    ivfCentroids?: FileEntry;
    /** IVF lists, one shard per list (key: list number). */
    ivfLists?: ShardSet<number>;
    /**
     * Widget, worker and onnxruntime-web files. Their names are stable (pages
     * reference quarry.js), so caches key them by sha256 instead.
     */
    assets: FileEntry[];
  };
  /** Written by `quarry tune`; absent means the defaults. */
  fusion?: FusionSettings;
  /** Written by `quarry build`; absent (an older index) means Quarry never answers "no good match". */
  calibration?: Calibration;
  /** The first-keystroke semantic tier; absent with `--no-static-tier` or from an older build. */
  staticTier?: StaticTierEntry;
}

/**
 * Semantic search without the model (issue 15): a query is encoded by the
 * static word table (`files.staticRows`, core/static/) and scanned over the
 * IVF lists (`files.ivfCentroids`, `files.ivfLists`), so its first answer
 * costs kilobytes.
 */
export interface StaticTierEntry {
  version: 1;
  /** Lists a query scans, chosen by the build against the exhaustive scan. */
  nprobe: number;
  /** Rows in the table. */
  words: number;
  /** "No good match" floors measured with the static encoder (its cosines run higher than the model's). */
  calibration?: Calibration;
  /** What it was built from (procedure, model, passages): a rebuild with the same key reuses it. */
  key: string;
}

/**
 * Where this index's dense scores stop meaning anything. A sentence encoder
 * always returns neighbours, and how close the nearest one is for a query
 * that means nothing depends on the site (its size, its vocabulary), so the
 * build measures it: it encodes generated noise queries and the site's own
 * headings and records how close their nearest passages are.
 */
export interface Calibration {
  version: 1;
  /**
   * Nearest-passage cosine below which a query that passages match only in
   * part (a word or two of it) has no good match (search/confidence.ts).
   * Calibrated on off-topic sentences, which are such queries.
   */
  denseFloor: number;
  /**
   * The same for a query none of whose words the index knows, even
   * misspelled. Calibrated on made-up words, which come closer to real
   * passages than sentences do (they share word-pieces with the site's jargon).
   */
  unknownWordsFloor: number;
  /** Nearest-passage cosine of the generated noise queries. */
  noise: { offTopic: ScoreSpread; madeUp: ScoreSpread };
  /** Nearest-passage cosine of the site's headings, asked as queries. */
  inDomain: ScoreSpread;
  /** What it was computed on (model, passages, procedure): a rebuild with the same key reuses it. */
  key: string;
}

export interface ScoreSpread {
  count: number;
  p05: number;
  p50: number;
  p95: number;
  max: number;
}

/** Whether the index has a usable first-keystroke semantic tier. */
export function hasStaticTier(manifest: Manifest): boolean {
  const f = manifest.files;
  return Boolean(manifest.staticTier && f.staticRows && f.ivfCentroids && f.ivfLists);
}
