import { QuarryError } from '../errors.ts';
import { decodeUtf8, encodeUtf8 } from '../lexical/bytes.ts';

/**
 * static/<hash>.bin — a run of the static query encoder's word rows, sorted
 * by word (the shard set's key), little-endian:
 *
 *   "QSTR" | u32 version=1 | u32 count | u32 dims
 *   count × ( u8 word bytes | utf-8 word | f32 weight | f32 scale | i8 values[dims] )
 *
 * A row is `values × scale` in the full model's query space; `weight` is the
 * word's share in a query's weighted mean (near 0 for stop words).
 */
export const ROWS_MAGIC = 'QSTR';
export const ROWS_VERSION = 1;

export interface StaticRow {
  weight: number;
  scale: number;
  values: Int8Array;
}

export interface FloatRow {
  word: string;
  weight: number;
  vector: Float32Array;
}

/** Symmetric per-row int8, as the passage vectors (vectors-format.ts). */
export function quantizeRow(v: Float32Array): { scale: number; values: Int8Array } {
  let max = 0;
  for (const x of v) max = Math.max(max, Math.abs(x));
  const scale = max / 127;
  const inv = scale > 0 ? 1 / scale : 0;
  return { scale, values: Int8Array.from(v, (x) => Math.max(-127, Math.min(127, Math.round(x * inv)))) };
}

export function encodeRows(rows: readonly FloatRow[], dims: number): Uint8Array {
  const words = rows.map((r) => encodeUtf8(r.word));
  const size = 16 + words.reduce((s, w) => s + 1 + w.length + 8 + dims, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = ROWS_MAGIC.charCodeAt(i);
  view.setUint32(4, ROWS_VERSION, true);
  view.setUint32(8, rows.length, true);
  view.setUint32(12, dims, true);
  let at = 16;
  rows.forEach((r, i) => {
    if (words[i].length > 255) throw new QuarryError('BAD_OPTION', `static row word "${r.word.slice(0, 20)}…" is over 255 bytes`);
    if (r.vector.length !== dims) throw new QuarryError('BAD_OPTION', `static row "${r.word}" has ${r.vector.length} dims, expected ${dims}`);
    out[at++] = words[i].length;
    out.set(words[i], at);
    at += words[i].length;
    const q = quantizeRow(r.vector);
    view.setFloat32(at, r.weight, true);
    view.setFloat32(at + 4, q.scale, true);
    at += 8;
    out.set(new Uint8Array(q.values.buffer), at);
    at += dims;
  });
  return out;
}

/** Every row of a shard by word; `file` names it in errors. */
export function decodeRows(bytes: Uint8Array, dims: number, file: string): Map<string, StaticRow> {
  const fail = (what: string): never => {
    throw new QuarryError('INDEX_CORRUPT', `${file}: ${what}; rebuild the index`);
  };
  if (bytes.length < 16) fail(`truncated (${bytes.length} bytes)`);
  for (let i = 0; i < 4; i++) if (bytes[i] !== ROWS_MAGIC.charCodeAt(i)) fail('bad magic bytes (not a Quarry static-encoder shard)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(4, true) !== ROWS_VERSION) throw new QuarryError('INDEX_VERSION', `${file}: static rows version ${view.getUint32(4, true)}, this build reads ${ROWS_VERSION}; rebuild the index or update Quarry`);
  const count = view.getUint32(8, true);
  if (view.getUint32(12, true) !== dims) fail(`rows have ${view.getUint32(12, true)} dims, the index has ${dims}`);
  const rows = new Map<string, StaticRow>();
  let at = 16;
  for (let r = 0; r < count; r++) {
    if (at + 1 > bytes.length) fail(`row ${r} of ${count} is cut off`);
    const len = bytes[at++];
    if (at + len + 8 + dims > bytes.length) fail(`row ${r} of ${count} is cut off`);
    const word = decodeUtf8(bytes, at, at + len) ?? fail(`row ${r} has a word that is not UTF-8`);
    at += len;
    const weight = view.getFloat32(at, true);
    const scale = view.getFloat32(at + 4, true);
    if (!Number.isFinite(weight) || !Number.isFinite(scale) || scale < 0) fail(`row "${word}" has a bad weight or scale`);
    at += 8;
    rows.set(word, { weight, scale, values: new Int8Array(bytes.buffer, bytes.byteOffset + at, dims) });
    at += dims;
  }
  if (at !== bytes.length) fail(`${bytes.length - at} bytes after the last row`);
  return rows;
}
