import { QuarryError } from '../errors.ts';

/**
 * The passage vectors partitioned for a first visit (issue 15, part 2):
 * a query scores the list centroids, fetches the `nprobe` nearest lists and
 * scans them. Lists hold residual product-quantisation codes (vector −
 * centroid, in `sub`-dimension pieces, each one of 16 codebook entries:
 * 4 bits), so a 384-d passage costs 96 bytes and a list a few kB.
 *
 * ivf.<hash>.bin, little-endian:
 *   "QIVF" | u32 version=1 | u32 lists | u32 dims | u32 sub | u32 reserved
 *   f32 codebookScale[dims/sub] | i8 codebook[dims/sub × 16 × sub]
 *   f32 centroidScale[lists]    | i8 centroids[lists × dims]
 *   u32 count[lists]
 *
 * List l is the shard with key l of the manifest's `files.ivfLists`
 * (ivf/<hash>.bin):
 *   "QIVL" | u32 version=1 | u32 count | u32 codeBytes
 *   u32 ids[count] | u8 codes[count × codeBytes]   (two 4-bit codes a byte, low nibble first)
 */
export const IVF_MAGIC = 'QIVF';
export const IVF_LIST_MAGIC = 'QIVL';
export const IVF_VERSION = 1;
export const PQ_CODES = 16;

export interface IvfCentroids {
  lists: number;
  dims: number;
  /** Dimensions per PQ piece. */
  sub: number;
  /** Dequantised: [piece][code][sub]. */
  codebook: Float32Array;
  /** Dequantised: [list][dims]. */
  centroids: Float32Array;
  counts: Uint32Array;
}

export interface IvfList {
  ids: Uint32Array;
  codes: Uint8Array;
  codeBytes: number;
}

function fail(file: string, what: string): never {
  throw new QuarryError('INDEX_CORRUPT', `${file}: ${what}; rebuild the index`);
}

function magic(bytes: Uint8Array, m: string, file: string): DataView {
  if (bytes.length < 16) fail(file, `truncated (${bytes.length} bytes)`);
  for (let i = 0; i < 4; i++) if (bytes[i] !== m.charCodeAt(i)) fail(file, 'bad magic bytes');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (view.getUint32(4, true) !== IVF_VERSION) throw new QuarryError('INDEX_VERSION', `${file}: IVF version ${view.getUint32(4, true)}, this build reads ${IVF_VERSION}; rebuild the index or update Quarry`);
  return view;
}

/** Symmetric int8 rows of `width`, one scale each, as f32 scales then values. */
function int8Rows(data: Float32Array, width: number): { scales: Float32Array; values: Int8Array } {
  const rows = data.length / width;
  const scales = new Float32Array(rows);
  const values = new Int8Array(data.length);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let i = 0; i < width; i++) max = Math.max(max, Math.abs(data[r * width + i]));
    scales[r] = max / 127;
    const inv = max > 0 ? 127 / max : 0;
    for (let i = 0; i < width; i++) values[r * width + i] = Math.round(data[r * width + i] * inv);
  }
  return { scales, values };
}

export function encodeCentroids(c: Omit<IvfCentroids, 'lists'>): Uint8Array {
  const lists = c.counts.length;
  const pieces = c.dims / c.sub;
  const cb = int8Rows(c.codebook, PQ_CODES * c.sub);
  const ce = int8Rows(c.centroids, c.dims);
  const size = 24 + pieces * 4 + c.codebook.length + lists * 4 + c.centroids.length + lists * 4;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = IVF_MAGIC.charCodeAt(i);
  [IVF_VERSION, lists, c.dims, c.sub, 0].forEach((v, i) => view.setUint32(4 + i * 4, v, true));
  let at = 24;
  for (const s of cb.scales) (view.setFloat32(at, s, true), (at += 4));
  out.set(new Uint8Array(cb.values.buffer), at);
  at += cb.values.length;
  for (const s of ce.scales) (view.setFloat32(at, s, true), (at += 4));
  out.set(new Uint8Array(ce.values.buffer), at);
  at += ce.values.length;
  for (let l = 0; l < lists; l++) view.setUint32(at + l * 4, c.counts[l], true);
  return out;
}

export function decodeCentroids(bytes: Uint8Array, file: string): IvfCentroids {
  const view = magic(bytes, IVF_MAGIC, file);
  if (bytes.length < 24) fail(file, 'truncated header');
  const lists = view.getUint32(8, true);
  const dims = view.getUint32(12, true);
  const sub = view.getUint32(16, true);
  if (!sub || dims % sub) fail(file, `${dims} dims do not split into pieces of ${sub}`);
  const pieces = dims / sub;
  const expected = 24 + pieces * 4 + pieces * PQ_CODES * sub + lists * 4 + lists * dims + lists * 4;
  if (bytes.length !== expected) fail(file, `${bytes.length} bytes, ${lists} lists of ${dims} dims need ${expected}`);
  let at = 24;
  const codebook = new Float32Array(pieces * PQ_CODES * sub);
  const width = PQ_CODES * sub;
  const cbAt = at + pieces * 4;
  for (let p = 0; p < pieces; p++) {
    const s = view.getFloat32(at + p * 4, true);
    for (let i = 0; i < width; i++) codebook[p * width + i] = view.getInt8(cbAt + p * width + i) * s;
  }
  at = cbAt + pieces * width;
  const centroids = new Float32Array(lists * dims);
  const ceAt = at + lists * 4;
  for (let l = 0; l < lists; l++) {
    const s = view.getFloat32(at + l * 4, true);
    for (let d = 0; d < dims; d++) centroids[l * dims + d] = view.getInt8(ceAt + l * dims + d) * s;
  }
  at = ceAt + lists * dims;
  const counts = new Uint32Array(lists);
  for (let l = 0; l < lists; l++) counts[l] = view.getUint32(at + l * 4, true);
  return { lists, dims, sub, codebook, centroids, counts };
}

export function encodeList(ids: readonly number[], codes: Uint8Array, codeBytes: number): Uint8Array {
  const out = new Uint8Array(16 + ids.length * 4 + codes.length);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = IVF_LIST_MAGIC.charCodeAt(i);
  [IVF_VERSION, ids.length, codeBytes].forEach((v, i) => view.setUint32(4 + i * 4, v, true));
  ids.forEach((id, i) => view.setUint32(16 + i * 4, id, true));
  out.set(codes, 16 + ids.length * 4);
  return out;
}

export function decodeList(bytes: Uint8Array, file: string, expect: { count: number; codeBytes: number; passages: number }): IvfList {
  const view = magic(bytes, IVF_LIST_MAGIC, file);
  const count = view.getUint32(8, true);
  const codeBytes = view.getUint32(12, true);
  if (count !== expect.count || codeBytes !== expect.codeBytes) fail(file, `holds ${count} codes of ${codeBytes} bytes, the centroids file expects ${expect.count} of ${expect.codeBytes}`);
  if (bytes.length !== 16 + count * (4 + codeBytes)) fail(file, `${bytes.length} bytes for ${count} codes`);
  const ids = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    ids[i] = view.getUint32(16 + i * 4, true);
    if (ids[i] >= expect.passages) fail(file, `passage ${ids[i]} is past the index's ${expect.passages}`);
  }
  return { ids, codes: bytes.subarray(16 + count * 4), codeBytes };
}
