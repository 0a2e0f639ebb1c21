import { describe, expect, it } from 'vitest';
import { decodeCentroids, decodeList, encodeCentroids, encodeList, type IvfList } from '../../../../src/core/vector/ivf-format.ts';
import { lookupTable, nearestLists, scanLists } from '../../../../src/core/vector/ivf-search.ts';
import { buildIvf } from '../../../../build-index/static-tier/ivf.ts';
import { seeded } from '../../../../build-index/random.ts';

const DIMS = 16;

const unit = (v: Float32Array) => v.map((x) => x / Math.hypot(...v));

/** Unit vectors around a few topics, as sentence embeddings of one site are. */
function unitVectors(n: number, seed: number, topics = 12): Float32Array[] {
  const r = seeded(seed);
  const centers = Array.from({ length: topics }, () => Float32Array.from({ length: DIMS }, () => r() * 2 - 1));
  return Array.from({ length: n }, () => unit(centers[Math.floor(r() * topics)].map((x) => x + (r() - 0.5) * 0.6)));
}

const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, x, i) => s + x * b[i], 0);

describe('IVF files', () => {
  const vectors = unitVectors(400, 1);
  const built = buildIvf(vectors);
  const c = decodeCentroids(encodeCentroids(built.centroids), 'ivf.x.bin');
  const lists: Array<[number, IvfList]> = built.lists.map((l, i) => [i, decodeList(encodeList(l.ids, l.codes, built.codeBytes), `ivf/${i}.bin`, { count: c.counts[i], codeBytes: built.codeBytes, passages: vectors.length })]);

  it('assigns every passage to exactly one list, about √N lists', () => {
    expect(c.lists).toBe(20);
    const ids = lists.flatMap(([, l]) => [...l.ids]).sort((a, b) => a - b);
    expect(ids).toEqual(vectors.map((_, i) => i));
    // Each passage is in the list of its nearest centroid.
    for (const [l, list] of lists) for (const id of list.ids) expect(nearestLists(vectors[id], c, 1)[0]).toBe(l);
  });

  it('scores codes close to the exact dot product (4-bit residual PQ)', () => {
    const q = unitVectors(1, 1)[0];
    const lut = lookupTable(q, c);
    expect(lut.length).toBe((DIMS / c.sub) * 16);
    const all = scanLists(q, c, lists, vectors.length);
    const errors = all.map((h) => Math.abs(h.score - dot(q, vectors[h.id])));
    expect(Math.max(...errors)).toBeLessThan(0.15);
    expect(errors.reduce((s, e) => s + e, 0) / errors.length).toBeLessThan(0.05);
  });

  it('finds more of the exact top 10 as nprobe grows, and scanning every list finds most (PQ codes blur near-ties)', () => {
    const queries = unitVectors(30, 1).map((v, i) => unit(v.map((x, d) => x + ((i * 7 + d) % 5) * 0.02)));
    const recall = (nprobe: number) =>
      queries.reduce((sum, q) => {
        const exact = new Set(vectors.map((v, id) => ({ id, s: dot(q, v) })).sort((a, b) => b.s - a.s).slice(0, 10).map((h) => h.id));
        const got = scanLists(q, c, nearestLists(q, c, nprobe).map((l) => lists[l]), 10);
        return sum + got.filter((h) => exact.has(h.id)).length / 10;
      }, 0) / queries.length;
    const [r1, r4, rAll] = [recall(1), recall(4), recall(c.lists)];
    expect(r4).toBeGreaterThan(r1);
    expect(rAll).toBeGreaterThanOrEqual(r4);
    expect(rAll).toBeGreaterThan(0.6);
  });

  it('honours the filter', () => {
    const q = vectors[3];
    expect(scanLists(q, c, lists, 5, (id) => id % 2 === 0).every((h) => h.id % 2 === 0)).toBe(true);
  });

  it('refuses a list that does not match its centroids file, naming the file', () => {
    const bytes = encodeList(built.lists[0].ids, built.lists[0].codes, built.codeBytes);
    expect(() => decodeList(bytes, 'ivf/abc.bin', { count: c.counts[0] + 1, codeBytes: built.codeBytes, passages: 400 })).toThrow(/ivf\/abc\.bin: holds/);
    expect(() => decodeList(bytes, 'ivf/abc.bin', { count: c.counts[0], codeBytes: built.codeBytes, passages: 1 })).toThrow(/past the index/);
    expect(() => decodeCentroids(encodeCentroids(built.centroids).subarray(0, 100), 'ivf.x.bin')).toThrow(/ivf\.x\.bin/);
  });
});
