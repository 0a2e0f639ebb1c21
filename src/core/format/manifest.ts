/**
 * manifest.json — the one small file a client reads first. Every other file
 * of an index is content-hashed (`name.<hash>.ext`) and listed here with its
 * size and sha256, so a cache can never mix files of two builds.
 */
export const INDEX_FORMAT = 'quarry-index';
export const INDEX_VERSION = 1;

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
  bytes: number;
  sha256: string;
}

export type FusionMethod = 'minmax' | 'zscore' | 'rrf';

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
  counts: { pages: number; passages: number; textShards: number };
  /** Passages per text shard (text is fetched lazily, shard by shard). */
  textShardSize: number;
  files: {
    docs: FileEntry;
    vectors: FileEntry;
    lexical: FileEntry;
    /** FlexSearch export over the vocabulary (prefix + fuzzy term lookup). */
    terms: FileEntry;
    text: FileEntry[];
    /** Model files when copied into the index (for caching / offline precache). */
    model: FileEntry[];
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
