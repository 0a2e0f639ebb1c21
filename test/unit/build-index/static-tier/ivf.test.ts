import { describe, expect, it } from 'vitest';
import { buildIvf, chooseProbe, pageNdcg, probeFigures, type ProbeFigure } from '../../../../build-index/static-tier/ivf.ts';
import { seeded } from '../../../../build-index/random.ts';
import { decodeCentroids, encodeCentroids, type IvfList } from '../../../../src/core/vector/ivf-format.ts';

const figure = (nprobe: number, pageNdcg: number, listBytes: number): ProbeFigure => ({ nprobe, pageNdcg, recall: 0, listBytes });

describe('choosing nprobe', () => {
  const figures = [figure(0, 0.8, 0), figure(2, 0.7, 20_000), figure(4, 0.79, 40_000), figure(8, 0.8, 80_000), figure(16, 0.8, 160_000)];
  it('takes the cheapest setting within 2% of the exhaustive scan', () => {
    expect(chooseProbe(figures, 0.98, 1e9).nprobe).toBe(4);
  });
  it('never fetches more list bytes per query than the cap', () => {
    expect(chooseProbe(figures.map((f) => (f.nprobe === 4 ? { ...f, pageNdcg: 0.7 } : f)), 0.98, 50_000).nprobe).toBe(4);
  });
  it('scores a probe by the rank of its own page among distinct pages', () => {
    const pageOf = (id: number) => Math.floor(id / 2);
    expect(pageNdcg([{ id: 0, score: 1 }, { id: 1, score: 0.9 }, { id: 4, score: 0.8 }], 2, pageOf)).toBeCloseTo(1 / Math.log2(3));
    expect(pageNdcg([{ id: 0, score: 1 }], 5, pageOf)).toBe(0);
  });
});

describe('probe figures against the exhaustive scan', () => {
  it('reports recall and bytes rising with nprobe, and every list scanned matching the exhaustive page ranking closely', () => {
    const r = seeded(4);
    const dims = 8;
    const topics = Array.from({ length: 6 }, () => Float32Array.from({ length: dims }, () => r() * 2 - 1));
    const unit = (v: Float32Array) => v.map((x) => x / Math.hypot(...v));
    const vectors = Array.from({ length: 240 }, (_, i) => unit(topics[i % 6].map((x) => x + (r() - 0.5) * 0.5)));
    const built = buildIvf(vectors);
    const c = decodeCentroids(encodeCentroids(built.centroids), 'ivf');
    const lists: Array<[number, IvfList]> = built.lists.map((l, i) => [i, { ids: Uint32Array.from(l.ids), codes: l.codes, codeBytes: built.codeBytes }]);
    const pageOf = (id: number) => id % 6; // a topic's passages are one page
    const queries = Array.from({ length: 40 }, (_, i) => ({ vector: unit(topics[i % 6].map((x) => x + (r() - 0.5) * 0.2)), page: i % 6 }));
    const f = probeFigures(queries, vectors, c, lists, pageOf, [1, 2, 4, c.lists]);
    expect(f[0]).toMatchObject({ nprobe: 0, recall: 1 });
    const ivf = f.slice(1);
    for (let i = 1; i < ivf.length; i++) {
      expect(ivf[i].listBytes).toBeGreaterThan(ivf[i - 1].listBytes);
      expect(ivf[i].recall).toBeGreaterThanOrEqual(ivf[i - 1].recall - 1e-9);
    }
    expect(ivf[ivf.length - 1].pageNdcg).toBeGreaterThan(0.95 * f[0].pageNdcg);
  });
});
