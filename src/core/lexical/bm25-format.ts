import { QuarryError } from '../errors.ts';
import { ByteReader, ByteWriter, decodeUtf8, encodeUtf8 } from './bytes.ts';

/**
 * The BM25 inverted index, as one file or split in two kinds:
 * - the core, `lexical.<hash>.bin`: passage count and average length, no terms;
 * - postings shards, `lexical/<hash>.bin`: a range of terms and no average.
 * A whole index (both at once) is what tests and tools build in memory.
 *
 *   "QLEX" | u32 version | u32 tfScale | u32 docCount | u32 termCount | u32 totalBytes
 *   stats:      u32 bytes | u32 round(256 × average boosted length × tfScale), or 0 bytes in a shard
 *   vocabulary: u32 bytes | termCount × (varint shared-prefix bytes, varint suffix bytes, suffix)
 *                            sorted by JS string order, front-coded in UTF-8
 *   df:         u32 bytes | termCount × (varint df, varint posting-block bytes)
 *   postings:   u32 bytes | per term: df × (varint doc-id delta, varint tf × tfScale, u8 length)
 *
 * Each posting carries its passage's length (one byte on a log scale), so a
 * query needs no per-passage file: what a first visit fetches grows with
 * the query's terms, not with the site. Ints are little-endian. Term
 * frequencies are stored scaled so that field boosts like 1.5 survive as
 * integers.
 */
export const LEXICAL_MAGIC = 'QLEX';
export const LEXICAL_VERSION = 3;
/**
 * Passage lengths are stored as one byte on a log scale, as Lucene stores its
 * norms: within 2% of the true length, which moves a BM25 score by under 1%.
 */
const LENGTH_STEPS = 24;
export const quantizeLength = (length: number): number => Math.min(255, Math.round(LENGTH_STEPS * Math.log1p(length)));
export const dequantizeLength = (q: number): number => Math.round(Math.expm1(q / LENGTH_STEPS));
/** Every byte's length, so search reads a table instead of calling expm1 per posting. */
export const LENGTHS: Float64Array = Float64Array.from({ length: 256 }, (_, q) => dequantizeLength(q));
const AVERAGE_SCALE = 256;
const HEADER_BYTES = 24;
const WHAT = 'lexical index';

export interface Bm25Data {
  tfScale: number;
  docCount: number;
  /** Average of the passages' (quantized) boosted lengths × tfScale; null in a postings shard. */
  avgLength: number | null;
  /** Sorted, distinct. */
  terms: string[];
  df: Uint32Array;
  /** termCount + 1 byte offsets into `postings`. */
  offsets: Uint32Array;
  postings: Uint8Array;
}

export interface Bm25Postings {
  /** Ascending doc ids. */
  ids: number[];
  /** Scaled term frequencies (integers > 0). */
  tfs: number[];
}

export interface Bm25Input {
  tfScale: number;
  docCount: number;
  /** Every passage's boosted length × tfScale (written into its postings, and averaged in the stats). */
  lengths: ArrayLike<number>;
  terms: string[];
  postings: Bm25Postings[];
}

/** The average of the lengths as search will read them back (quantized), so a whole index and core + shards score alike. */
export function averageLength(lengths: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < lengths.length; i++) sum += LENGTHS[quantizeLength(lengths[i])];
  return lengths.length ? sum / lengths.length : 0;
}

/** `stats: false` writes a postings shard (terms, no average); a core is stats with no terms. */
export function encodeBm25(input: Bm25Input, options: { stats?: boolean } = {}): Uint8Array {
  const { terms, postings, lengths, docCount } = input;
  if (lengths.length !== docCount) throw new RangeError(`${lengths.length} lengths for ${docCount} docs`);
  const w = new ByteWriter();
  for (let i = 0; i < 4; i++) w.u8(LEXICAL_MAGIC.charCodeAt(i));
  w.u32(LEXICAL_VERSION);
  w.u32(input.tfScale);
  w.u32(docCount);
  w.u32(terms.length);
  w.u32(0); // total bytes, patched below

  const section = (body: () => void): void => {
    const at = w.length;
    w.u32(0);
    body();
    w.patchU32(at, w.length - at - 4);
  };

  section(() => {
    if (options.stats !== false) w.u32(Math.round(averageLength(lengths) * AVERAGE_SCALE));
  });

  section(() => {
    let prev: Uint8Array = new Uint8Array(0);
    for (let t = 0; t < terms.length; t++) {
      if (t > 0 && !(terms[t - 1] < terms[t])) throw new RangeError('terms must be sorted and distinct');
      const cur = encodeUtf8(terms[t]);
      let shared = 0;
      const max = Math.min(prev.length, cur.length);
      while (shared < max && prev[shared] === cur[shared]) shared++;
      w.varint(shared);
      w.varint(cur.length - shared);
      w.bytes(cur.subarray(shared));
      prev = cur;
    }
  });

  const blocks = postings.map(({ ids, tfs }) => {
    const b = new ByteWriter();
    let last = -1;
    for (let i = 0; i < ids.length; i++) {
      b.varint(ids[i] - last - 1); // strictly ascending, so the delta - 1 is ≥ 0
      b.varint(tfs[i]);
      b.u8(quantizeLength(lengths[ids[i]]));
      last = ids[i];
    }
    return b.finish();
  });

  section(() => {
    for (let t = 0; t < terms.length; t++) {
      w.varint(postings[t].ids.length);
      w.varint(blocks[t].length);
    }
  });

  section(() => {
    for (const b of blocks) w.bytes(b);
  });

  w.patchU32(20, w.length);
  return w.finish();
}

export function decodeBm25(bytes: Uint8Array): Bm25Data {
  if (!(bytes instanceof Uint8Array)) throw new QuarryError('INDEX_CORRUPT', `${WHAT}: expected bytes`);
  const r = new ByteReader(bytes, WHAT);
  if (bytes.length < HEADER_BYTES) r.fail('header', `file is truncated (${bytes.length} bytes)`);
  for (let i = 0; i < 4; i++) {
    if (bytes[i] !== LEXICAL_MAGIC.charCodeAt(i)) r.fail('header', 'bad magic bytes (not a Quarry lexical index)');
  }
  r.pos = 4;
  const version = r.u32();
  if (version !== LEXICAL_VERSION) {
    throw new QuarryError(
      'INDEX_VERSION',
      `${WHAT}: format version ${version}, this build reads version ${LEXICAL_VERSION}; rebuild the index or update Quarry`,
    );
  }
  const tfScale = r.u32();
  const docCount = r.u32();
  const termCount = r.u32();
  const total = r.u32();
  if (total !== bytes.length) r.fail('header', `file is ${bytes.length} bytes, header says ${total} (truncated or padded)`);
  if (tfScale === 0) r.fail('header', 'tf scale is 0');

  const statsEnd = r.openSection('stats');
  let avgLength: number | null = null;
  if (statsEnd > r.pos) {
    if (statsEnd - r.pos !== 4) r.fail('stats', `${statsEnd - r.pos} bytes, expected 4`);
    avgLength = r.u32() / AVERAGE_SCALE;
  }
  r.expectEnd();

  r.openSection('vocabulary');
  const terms: string[] = new Array(termCount);
  let prev: Uint8Array = new Uint8Array(64);
  let prevLen = 0;
  for (let t = 0; t < termCount; t++) {
    const shared = r.varint();
    const suffixLen = r.varint();
    if (shared > prevLen) r.fail('vocabulary', `term ${t} shares more bytes than its predecessor has`);
    const suffix = r.take(suffixLen);
    const len = shared + suffixLen;
    if (len > prev.length) {
      const grown = new Uint8Array(Math.max(len, prev.length * 2));
      grown.set(prev.subarray(0, prevLen));
      prev = grown;
    }
    prev.set(suffix, shared);
    prevLen = len;
    const term = decodeUtf8(prev, 0, len) ?? r.fail('vocabulary', `term ${t} is not valid UTF-8`);
    if (t > 0 && !(terms[t - 1] < term)) r.fail('vocabulary', `term ${t} is out of order`);
    terms[t] = term;
  }
  r.expectEnd();

  r.openSection('document frequencies');
  const df = new Uint32Array(termCount);
  const offsets = new Uint32Array(termCount + 1);
  let offset = 0;
  for (let t = 0; t < termCount; t++) {
    df[t] = r.varint();
    if (df[t] === 0 || df[t] > docCount) r.fail('document frequencies', `term ${t} has df ${df[t]} of ${docCount} docs`);
    offset += r.varint();
    offsets[t + 1] = offset;
  }
  r.expectEnd();

  const postingsEnd = r.openSection('postings');
  const postingsStart = r.pos;
  if (postingsEnd - postingsStart !== offset) {
    r.fail('postings', `section is ${postingsEnd - postingsStart} bytes, frequencies say ${offset}`);
  }
  const postings = bytes.subarray(postingsStart, postingsEnd);
  validatePostings(new ByteReader(postings, WHAT), docCount, df, offsets);
  if (postingsEnd !== bytes.length) r.fail('postings', 'trailing bytes after the last section');

  return { tfScale, docCount, avgLength, terms, df, offsets, postings };
}

/**
 * One pass over every posting so that search never meets a broken list.
 * Inlined varint reads: this runs over ~10^6 postings on every page load.
 */
function validatePostings(r: ByteReader, docCount: number, df: Uint32Array, offsets: Uint32Array): void {
  const b = r.buf;
  for (let t = 0; t < df.length; t++) {
    let p = offsets[t];
    const end = offsets[t + 1];
    let id = -1;
    for (let i = df[t]; i > 0; i--) {
      let c = 0x80;
      let delta = 0;
      for (let shift = 0; c >= 0x80; shift += 7) {
        if (p >= end || shift > 28) r.fail('postings', `term ${t} has a truncated or overlong posting`);
        c = b[p++];
        delta += (c & 0x7f) * 2 ** shift;
      }
      id += delta + 1;
      if (id >= docCount) r.fail('postings', `term ${t} points at doc ${id} of ${docCount}`);
      c = 0x80;
      let tf = 0;
      for (let shift = 0; c >= 0x80; shift += 7) {
        if (p >= end || shift > 28) r.fail('postings', `term ${t} has a truncated or overlong posting`);
        c = b[p++];
        tf += (c & 0x7f) * 2 ** shift;
      }
      if (tf === 0) r.fail('postings', `term ${t} has a zero term frequency`);
      if (p >= end) r.fail('postings', `term ${t} has a posting without its passage length`);
      p++;
    }
    if (p !== end) r.fail('postings', `term ${t} has ${end - p} unexpected trailing bytes`);
  }
}
