import { QuarryError } from '../errors.ts';

/**
 * vectors.<hash>.bin — passage embeddings, int8 with one float32 scale per row.
 *
 *   "QVEC" | u32 version=1 | u32 count | u32 dims | u32 dtype (1 = int8 + f32 scale)
 *   f32 scales[count] | i8 values[count × dims]
 *
 * Little-endian. Symmetric per-vector quantisation: scale = max|x| / 127,
 * value = round(x / scale), so x ≈ value × scale. A 384-d vector takes 388
 * bytes instead of 1,536, and cosine order barely moves.
 */
export const VECTORS_MAGIC = 'QVEC';
export const VECTORS_VERSION = 1;
export const DTYPE_INT8 = 1;
const HEADER_BYTES = 20;

export interface VectorStore {
  count: number;
  dims: number;
  /** Per-row dequantisation factor. */
  scales: Float32Array;
  /** Row-major, count × dims. */
  values: Int8Array;
}

const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

function corrupt(detail: string): never {
  throw new QuarryError('INDEX_CORRUPT', `vectors file: ${detail}; rebuild the index`);
}

/** `dims` is only needed for an empty set, whose rows cannot tell it. */
export function quantizeVectors(vectors: readonly Float32Array[], dims = vectors.length > 0 ? vectors[0].length : 0): Uint8Array {
  const count = vectors.length;
  const out = new Uint8Array(HEADER_BYTES + count * 4 + count * dims);
  const view = new DataView(out.buffer);
  for (let i = 0; i < 4; i++) out[i] = VECTORS_MAGIC.charCodeAt(i);
  view.setUint32(4, VECTORS_VERSION, true);
  view.setUint32(8, count, true);
  view.setUint32(12, dims, true);
  view.setUint32(16, DTYPE_INT8, true);
  const values = new Int8Array(out.buffer, HEADER_BYTES + count * 4, count * dims);
  for (let r = 0; r < count; r++) {
    const v = vectors[r];
    if (v.length !== dims) throw new QuarryError('BAD_OPTION', `vector ${r} has ${v.length} dims, expected ${dims}`);
    let max = 0;
    for (let d = 0; d < dims; d++) {
      const a = Math.abs(v[d]);
      if (!Number.isFinite(a)) throw new QuarryError('BAD_OPTION', `vector ${r} has a non-finite value`);
      if (a > max) max = a;
    }
    const scale = max / 127;
    view.setFloat32(HEADER_BYTES + r * 4, scale, true);
    const inv = scale > 0 ? 1 / scale : 0;
    const base = r * dims;
    for (let d = 0; d < dims; d++) values[base + d] = Math.max(-127, Math.min(127, Math.round(v[d] * inv)));
  }
  return out;
}

export function decodeVectors(bytes: Uint8Array): VectorStore {
  if (!(bytes instanceof Uint8Array) || bytes.length < HEADER_BYTES) corrupt(`header is truncated (${bytes?.length ?? 0} bytes)`);
  for (let i = 0; i < 4; i++) if (bytes[i] !== VECTORS_MAGIC.charCodeAt(i)) corrupt('bad magic bytes (not a Quarry vectors file)');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const version = view.getUint32(4, true);
  if (version !== VECTORS_VERSION) {
    throw new QuarryError('INDEX_VERSION', `vectors file: format version ${version}, this build reads ${VECTORS_VERSION}; rebuild the index or update Quarry`);
  }
  const count = view.getUint32(8, true);
  const dims = view.getUint32(12, true);
  const dtype = view.getUint32(16, true);
  if (dtype !== DTYPE_INT8) corrupt(`unknown dtype ${dtype}`);
  const expected = HEADER_BYTES + count * 4 + count * dims;
  if (bytes.length !== expected) {
    corrupt(`${bytes.length} bytes, but ${count} vectors × ${dims} dims need ${expected} (scales + values size mismatch)`);
  }
  const scalesAt = bytes.byteOffset + HEADER_BYTES;
  let scales: Float32Array;
  if (LITTLE_ENDIAN && scalesAt % 4 === 0) scales = new Float32Array(bytes.buffer, scalesAt, count);
  else {
    // Unaligned (a subarray of a bigger buffer) or big-endian host: copy.
    scales = new Float32Array(count);
    for (let i = 0; i < count; i++) scales[i] = view.getFloat32(HEADER_BYTES + i * 4, true);
  }
  for (let i = 0; i < count; i++) if (!Number.isFinite(scales[i]) || scales[i] < 0) corrupt(`scale of vector ${i} is ${scales[i]}`);
  const values = new Int8Array(bytes.buffer, bytes.byteOffset + HEADER_BYTES + count * 4, count * dims);
  return { count, dims, scales, values };
}
