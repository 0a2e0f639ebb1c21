import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkIndex, checkVectors } from '../../../src/cli/commands/check.ts';
import { decodeVectors, type VectorStore } from '../../../src/core/vector/vectors-format.ts';
import { quantizeVectors } from '../../../src/core/vector/vectors-format.ts';
import { openIndex } from '../../../src/node/index.ts';
import { buildSiteCopy, type BuiltSite } from '../../support/sample-site.ts';

/** Seeded unit vectors, so the constructed cases are the same on every run. */
function unitVectors(n: number, dims: number, seed: number): Float32Array[] {
  const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5;
  return Array.from({ length: n }, () => {
    const v = Float32Array.from({ length: dims }, rand);
    const norm = Math.hypot(...v);
    return v.map((x) => x / norm);
  });
}

function dequantised(store: VectorStore): Float32Array[] {
  return Array.from({ length: store.count }, (_, i) => Float32Array.from(store.values.subarray(i * store.dims, (i + 1) * store.dims), (x) => x * store.scales[i]));
}

describe('quarry check: int8 scan and voy against float32 ground truth', () => {
  const floats = unitVectors(60, 16, 7);
  const queries = unitVectors(20, 16, 99);

  it('reports recall 1 when the float truth is what the int8 rows hold', async () => {
    const store = decodeVectors(quantizeVectors(floats));
    const report = await checkVectors(store, dequantised(store), queries);
    expect(report.exact.recallAt10).toBe(1);
    expect(report.agreement.minCosine).toBeGreaterThan(0.9999);
  });

  it('reports recall below 1 when the int8 rows differ from the float truth (the truth is not the scan itself)', async () => {
    // Rows quantised from other vectors than the truth: a check that took its truth from the int8 rows would still say 1.
    const other = floats.map((v, i) => v.map((x, d) => x + 0.6 * unitVectors(1, 16, 1000 + i)[0][d]));
    const store = decodeVectors(quantizeVectors(other));
    const report = await checkVectors(store, floats, queries);
    expect(report.exact.recallAt10).toBeLessThan(1);
    expect(report.voy.recallAt10).toBeLessThan(1);
    expect(report.agreement.meanCosine).toBeLessThan(0.99);
  });

  describe('on a built index, with the real model', () => {
    let built: BuiltSite;
    beforeAll(async () => {
      built = await buildSiteCopy();
    });
    afterAll(() => built?.cleanup());

    it('re-encodes sampled passages to float32 and measures the int8 scan and voy against them', async () => {
      const index = await openIndex(built.index);
      try {
        const extra = [];
        for (const q of ['how do I back up the database', 'wal_buffer_size', 'encrypted connections']) extra.push(await index.encodeQuery(q));
        const report = await checkIndex(index, { samples: 40, queries: extra });
        expect(report.vectors).toBe(built.summary.passages);
        expect(report.sample).toBe(Math.min(40, built.summary.passages));
        expect(report.queries).toBe(report.sample + extra.length);
        // Re-encoding reproduces what the build stored (up to int8 and model dtype): the same passages, the same encoder input.
        expect(report.agreement.meanCosine).toBeGreaterThan(0.97);
        expect(report.exact.recallAt10).toBeGreaterThan(0.8);
        expect(report.exact.recallAt10).toBeLessThanOrEqual(1);
        expect(report.voy.recallAt10).toBeGreaterThan(0.8);
      } finally {
        await index.close();
      }
    });
  });
});
