import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isQuarryError } from '../../../../src/core/errors.ts';
import { topK } from '../../../../src/core/vector/topk.ts';
import { decodeVectors, quantizeVectors } from '../../../../src/core/vector/vectors-format.ts';

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32) * 2 - 1;
}
function randomVectors(n: number, dims: number, seed: number): Float32Array[] {
  const r = rng(seed);
  return Array.from({ length: n }, () => {
    const v = Float32Array.from({ length: dims }, r);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

describe('quantizeVectors / decodeVectors', () => {
  it('round-trips within quantisation error', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 1, max: 40 }), fc.integer(), (n, dims, seed) => {
        const vs = randomVectors(n, dims, seed);
        const store = decodeVectors(quantizeVectors(vs, dims));
        expect(store.count).toBe(n);
        expect(store.dims).toBe(dims);
        vs.forEach((v, i) => {
          const scale = store.scales[i];
          for (let d = 0; d < dims; d++) expect(Math.abs(store.values[i * dims + d] * scale - v[d])).toBeLessThanOrEqual(scale / 2 + 1e-6);
        });
      }),
    );
  });

  it('writes the documented header', () => {
    const bytes = quantizeVectors(randomVectors(2, 3, 1));
    expect(String.fromCharCode(...bytes.subarray(0, 4))).toBe('QVEC');
    expect([...new Uint32Array(bytes.slice(4, 20).buffer)]).toEqual([1, 2, 3, 1]);
    expect(bytes.length).toBe(20 + 2 * 4 + 2 * 3);
  });

  it('decodes from an unaligned subarray', () => {
    const bytes = quantizeVectors(randomVectors(3, 5, 2));
    const padded = new Uint8Array(bytes.length + 1);
    padded.set(bytes, 1);
    expect(decodeVectors(padded.subarray(1))).toEqual(decodeVectors(bytes));
  });

  it('rejects mismatched sizes and bad headers with INDEX_CORRUPT', () => {
    const bytes = quantizeVectors(randomVectors(3, 5, 3));
    for (const bad of [bytes.subarray(0, 10), bytes.subarray(0, bytes.length - 1), new Uint8Array([...bytes, 0]), Uint8Array.from(bytes, (b, i) => (i === 0 ? 0 : b))]) {
      expect(() => decodeVectors(bad)).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT' }));
    }
    try {
      decodeVectors(bytes.subarray(0, bytes.length - 1));
    } catch (e) {
      expect(isQuarryError(e)).toBe(true);
      expect((e as Error).message).toMatch(/size mismatch/);
    }
  });
});

describe('topK', () => {
  it('matches a naive float scan on the dequantised rows', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 70 }), fc.integer({ min: 1, max: 30 }), fc.integer(), (n, dims, k, seed) => {
        const store = decodeVectors(quantizeVectors(randomVectors(n, dims, seed)));
        const q = randomVectors(1, dims, seed + 1)[0];
        const naive = Array.from({ length: n }, (_, i) => {
          let s = 0;
          for (let d = 0; d < dims; d++) s += q[d] * store.values[i * dims + d];
          return { id: i, score: Math.fround(s * store.scales[i]) };
        })
          .sort((a, b) => b.score - a.score || a.id - b.id)
          .slice(0, k);
        const got = topK(q, store, k);
        expect(got.map((h) => h.id)).toEqual(naive.map((h) => h.id));
        got.forEach((h, i) => expect(h.score).toBeCloseTo(naive[i].score, 4));
      }),
      { numRuns: 80 },
    );
  });

  it('ranks by the float vectors closely', () => {
    const vs = randomVectors(500, 64, 7);
    const store = decodeVectors(quantizeVectors(vs));
    const q = vs[42];
    expect(topK(q, store, 1)[0].id).toBe(42);
  });

  it('applies the filter and rejects a wrong query size', () => {
    const store = decodeVectors(quantizeVectors(randomVectors(50, 8, 9)));
    const q = randomVectors(1, 8, 10)[0];
    expect(topK(q, store, 50, (id) => id < 5).map((h) => h.id).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4]);
    expect(() => topK(new Float32Array(7), store, 3)).toThrow(expect.objectContaining({ code: 'MODEL_MISMATCH' }));
  });
});
