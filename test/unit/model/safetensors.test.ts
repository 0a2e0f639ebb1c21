import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isQuarryError } from '../../../src/core/errors.ts';
import { float32ToHalfBits, fp16ToFloat32, halfBitsToFloatBits, parseSafeTensors, readSafeTensorsFile } from '../../../src/model/safetensors.ts';

const bitsToFloat = (bits: number) => new Float32Array(new Uint32Array([bits]).buffer)[0];

/** Builds a safetensors file from { name: [dtype, shape, bytes] }. */
function safetensors(tensors: Record<string, [string, number[], Uint8Array]>, metadata?: Record<string, string>): Uint8Array {
  const header: Record<string, unknown> = metadata ? { __metadata__: metadata } : {};
  let offset = 0;
  for (const [name, [dtype, shape, bytes]] of Object.entries(tensors)) {
    header[name] = { dtype, shape, data_offsets: [offset, offset + bytes.byteLength] };
    offset += bytes.byteLength;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.byteLength + offset);
  new DataView(out.buffer).setBigUint64(0, BigInt(json.byteLength), true);
  out.set(json, 8);
  let o = 8 + json.byteLength;
  for (const [, , bytes] of Object.values(tensors)) {
    out.set(bytes, o);
    o += bytes.byteLength;
  }
  return out;
}

const u8 = (a: ArrayBufferView) => new Uint8Array(a.buffer, a.byteOffset, a.byteLength);

describe('fp16 → fp32', () => {
  it.each([
    [0x0000, 0],
    [0x3c00, 1],
    [0xc000, -2],
    [0x3555, 0.333251953125],
    [0x7bff, 65504], // largest finite half
    [0x0400, 2 ** -14], // smallest normal
    [0x0001, 2 ** -24], // smallest subnormal
    [0x03ff, 2 ** -14 - 2 ** -24], // largest subnormal
    [0x8001, -(2 ** -24)],
    [0x0200, 2 ** -15],
    [0x7c00, Infinity],
    [0xfc00, -Infinity],
  ])('half 0x%s', (h, expected) => {
    expect(bitsToFloat(halfBitsToFloatBits(h))).toBe(expected);
  });

  it('keeps the sign of zero and produces NaN for NaN', () => {
    expect(Object.is(bitsToFloat(halfBitsToFloatBits(0x8000)), -0)).toBe(true);
    expect(Number.isNaN(bitsToFloat(halfBitsToFloatBits(0x7e00)))).toBe(true);
    expect(Number.isNaN(bitsToFloat(halfBitsToFloatBits(0xfc01)))).toBe(true);
  });

  it('round-trips every non-NaN half value exactly through float32', () => {
    const all = new Uint16Array(65536).map((_, i) => i);
    const f = fp16ToFloat32(all);
    for (let h = 0; h < 65536; h++) {
      if ((h & 0x7c00) === 0x7c00 && (h & 0x3ff) !== 0) continue; // NaN payloads
      expect(float32ToHalfBits(f[h])).toBe(h);
    }
  });

  it('rounds float32 to the nearest half, ties to even, with overflow and underflow', () => {
    expect(float32ToHalfBits(1 + 2 ** -11)).toBe(0x3c00); // tie → even (down)
    expect(float32ToHalfBits(1 + 3 * 2 ** -11)).toBe(0x3c02); // tie → even (up)
    expect(float32ToHalfBits(65520)).toBe(0x7c00); // rounds past the largest finite → Inf
    expect(float32ToHalfBits(2 ** -26)).toBe(0x0000); // below half the smallest subnormal
    expect(float32ToHalfBits(3 * 2 ** -26)).toBe(0x0001); // rounds up to the smallest subnormal
  });
});

describe('parseSafeTensors', () => {
  it('reads F16, F32 and BF16 tensors with shapes and metadata', () => {
    const f16 = new Uint16Array([0x3c00, 0xc000, 0x0001, 0x7bff]);
    const f32 = new Float32Array([1.5, -2.25, 3]);
    const bf16 = new Uint16Array([0x3f80, 0xc040]); // 1, -3
    const st = parseSafeTensors(safetensors({ a: ['F16', [2, 2], u8(f16)], b: ['F32', [3], u8(f32)], c: ['BF16', [2], u8(bf16)] }, { format: 'pt' }), 'x.safetensors');
    expect(st.names()).toEqual(['a', 'b', 'c']);
    expect(st.metadata).toEqual({ format: 'pt' });
    const a = st.float32('a');
    expect(a.shape).toEqual([2, 2]);
    expect(Array.from(a.data)).toEqual([1, -2, 2 ** -24, 65504]);
    expect(Array.from(st.float32('b').data)).toEqual([1.5, -2.25, 3]);
    expect(Array.from(st.float32('c').data)).toEqual([1, -3]);
  });

  it('handles tensors at odd (unaligned) byte offsets', () => {
    const st = parseSafeTensors(safetensors({ odd: ['U8', [1], new Uint8Array([7])], h: ['F16', [1], u8(new Uint16Array([0x3c00]))] }));
    expect(Array.from(st.float32('h').data)).toEqual([1]);
  });

  const expectConvertError = (bytes: Uint8Array, fragment: RegExp) => {
    try {
      parseSafeTensors(bytes, 'model.fp16.safetensors');
      expect.unreachable('should have thrown');
    } catch (e) {
      expect(isQuarryError(e, 'MODEL_CONVERT_FAILED')).toBe(true);
      expect((e as Error).message).toContain('model.fp16.safetensors');
      expect((e as Error).message).toMatch(/reinstall/i);
      expect((e as Error).message).toMatch(fragment);
    }
  };

  it('names the file and says what to do when it is corrupt', () => {
    const good = safetensors({ a: ['F16', [4], u8(new Uint16Array(4))] });
    expectConvertError(good.subarray(0, 5), /only 5 bytes/);
    expectConvertError(good.subarray(0, good.byteLength - 2), /points at bytes|exceeds/);
    const badJson = good.slice();
    badJson[8] = 0x7b + 1; // '|' instead of '{'
    expectConvertError(badJson, /not JSON/);
    const hugeHeader = good.slice();
    new DataView(hugeHeader.buffer).setBigUint64(0, 1n << 40n, true);
    expectConvertError(hugeHeader, /header length/);
    expectConvertError(safetensors({ a: ['F16', [5], u8(new Uint16Array(4))] }), /needs 10 bytes but spans 8/);
  });

  it('rejects unknown tensors and dtypes with a typed error', () => {
    const st = parseSafeTensors(safetensors({ i: ['I64', [1], u8(new BigInt64Array([1n]))] }), 'w.safetensors');
    expect(() => st.float32('missing')).toThrow(/no tensor "missing"/);
    expect(() => st.float32('i')).toThrow(/dtype I64/);
  });

  it('reports a missing file as MODEL_NOT_FOUND and a corrupt one as MODEL_CONVERT_FAILED', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'quarry-st-'));
    await expect(readSafeTensorsFile(join(dir, 'nope.safetensors'))).rejects.toMatchObject({ code: 'MODEL_NOT_FOUND' });
    const corrupt = join(dir, 'corrupt.safetensors');
    await writeFile(corrupt, new TextEncoder().encode('this is not a model file at all'));
    await expect(readSafeTensorsFile(corrupt)).rejects.toMatchObject({ code: 'MODEL_CONVERT_FAILED', message: expect.stringContaining(corrupt) });
  });
});
