/**
 * Builds the IVF lists of issue 15, part 2: k-means over the passage
 * vectors into about √N lists, a residual PQ codebook (4-bit codes over
 * pieces of `sub` dimensions), each list's codes, and the `nprobe` a query
 * needs: the smallest whose page-level nDCG@10 stays within 2% of the
 * exhaustive scan's, on probe queries from the site (a heading or a sentence
 * asked as a query; the page it came from is the answer).
 */
import { topK } from '../../src/core/vector/topk.ts';
import { decodeVectors, quantizeVectors } from '../../src/core/vector/vectors-format.ts';
import { PQ_CODES, type IvfCentroids, type IvfList } from '../../src/core/vector/ivf-format.ts';
import { nearestLists, scanLists } from '../../src/core/vector/ivf-search.ts';
import type { Hit } from '../../src/core/rank/hit.ts';
import { kmeans } from './kmeans.ts';

export interface IvfSettings {
  /** Lists = round(listsPerRoot × √passages), at least 1. */
  listsPerRoot: number;
  /** Dimensions per PQ piece (two pieces a byte). */
  sub: number;
  /** nprobe values tried, ascending. */
  probes: readonly number[];
  /** Share of the exhaustive scan's page-level nDCG@10 the chosen nprobe must keep… */
  target: number;
  /**
   * …unless that costs more list bytes per query than this: a first visit's
   * semantic answer must stay within a few hundred kB (on the PostgreSQL
   * dev set, nprobe 8 of 110 lists, 90 kB, kept hybrid nDCG@10 within 0.3% of
   * the exhaustive scan, while the harsher probe queries asked for 32).
   */
  maxListBytes: number;
  seed: number;
}

export const IVF_SETTINGS: IvfSettings = { listsPerRoot: 1, sub: 2, probes: [1, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48, 64], target: 0.98, maxListBytes: 96_000, seed: 15 };

export interface BuiltIvf {
  centroids: IvfCentroids;
  lists: Array<{ ids: number[]; codes: Uint8Array }>;
  codeBytes: number;
}

export function buildIvf(vectors: readonly Float32Array[], settings: IvfSettings = IVF_SETTINGS): BuiltIvf {
  const n = vectors.length;
  const dims = vectors[0].length;
  const sub = dims % (settings.sub * 2) === 0 ? settings.sub : 1;
  if ((dims / sub) % 2) throw new Error(`IVF needs an even number of ${sub}-dim pieces; ${dims} dims`);
  const points = new Float32Array(n * dims);
  vectors.forEach((v, i) => points.set(v, i * dims));
  const k = Math.max(1, Math.round(settings.listsPerRoot * Math.sqrt(n)));
  const { centers, assign } = kmeans(points, dims, k, { iterations: 12, seed: settings.seed, spherical: true });
  const lists = centers.length / dims;

  // Residuals, then one 16-entry codebook per piece, trained on (a sample of) them.
  const residuals = new Float32Array(n * dims);
  for (let i = 0; i < n; i++) for (let d = 0; d < dims; d++) residuals[i * dims + d] = points[i * dims + d] - centers[assign[i] * dims + d];
  const pieces = dims / sub;
  const codebook = new Float32Array(pieces * PQ_CODES * sub);
  const sample = Math.min(n, 20_000);
  const step = n / sample;
  const codes = new Uint8Array(n * pieces);
  for (let p = 0; p < pieces; p++) {
    const part = new Float32Array(sample * sub);
    for (let s = 0; s < sample; s++) for (let i = 0; i < sub; i++) part[s * sub + i] = residuals[Math.floor(s * step) * dims + p * sub + i];
    const { centers: cb } = kmeans(part, sub, PQ_CODES, { iterations: 15, seed: settings.seed + p, spherical: false });
    codebook.set(cb.subarray(0, PQ_CODES * sub), p * PQ_CODES * sub);
    // Fewer distinct points than codes: the unused entries stay zero.
    const entries = cb.length / sub;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestD = Infinity;
      for (let c = 0; c < entries; c++) {
        let d2 = 0;
        for (let j = 0; j < sub; j++) {
          const x = residuals[i * dims + p * sub + j] - cb[c * sub + j];
          d2 += x * x;
        }
        if (d2 < bestD) {
          bestD = d2;
          best = c;
        }
      }
      codes[i * pieces + p] = best;
    }
  }
  const codeBytes = pieces / 2;
  const members: number[][] = Array.from({ length: lists }, () => []);
  for (let i = 0; i < n; i++) members[assign[i]].push(i);
  const out = members.map((ids) => {
    const packed = new Uint8Array(ids.length * codeBytes);
    ids.forEach((id, r) => {
      for (let b = 0; b < codeBytes; b++) packed[r * codeBytes + b] = codes[id * pieces + 2 * b] | (codes[id * pieces + 2 * b + 1] << 4);
    });
    return { ids, codes: packed };
  });
  return { centroids: { lists, dims, sub, codebook, centroids: centers, counts: Uint32Array.from(members, (m) => m.length) }, lists: out, codeBytes };
}

export interface ProbeFigure {
  /** 0 for the exhaustive scan. */
  nprobe: number;
  /** Page-level nDCG@10 of the probe queries' own pages. */
  pageNdcg: number;
  /** Passage recall@10 against the exhaustive scan. */
  recall: number;
  /** Mean list bytes a query fetches at this nprobe (codes + ids). */
  listBytes: number;
}

/** A query with the page it was taken from: the one page that answers it. */
export interface ProbeQuery {
  vector: Float32Array;
  page: number;
}

/**
 * The exhaustive scan over the int8 vectors (nprobe 0) and IVF at each
 * nprobe, on probe queries whose answer is the page they came from.
 */
export function probeFigures(queries: readonly ProbeQuery[], vectors: readonly Float32Array[], c: IvfCentroids, lists: ReadonlyArray<[number, IvfList]>, pageOf: (id: number) => number, probes: readonly number[]): ProbeFigure[] {
  const store = decodeVectors(quantizeVectors(vectors));
  const exact = queries.map((q) => topK(q.vector, store, 50));
  const m = Math.max(1, queries.length);
  const exhaustive: ProbeFigure = { nprobe: 0, pageNdcg: queries.reduce((s, q, i) => s + pageNdcg(exact[i], q.page, pageOf), 0) / m, recall: 1, listBytes: 0 };
  const tried = probes.filter((p, i) => i === 0 || probes[i - 1] < c.lists);
  return [
    exhaustive,
    ...tried.map((nprobe) => {
      let ndcg = 0;
      let recall = 0;
      let bytes = 0;
      queries.forEach((q, qi) => {
        const chosen = nearestLists(q.vector, c, nprobe);
        bytes += chosen.reduce((s, l) => s + c.counts[l] * (4 + lists[l][1].codeBytes) + 16, 0);
        const got = scanLists(q.vector, c, chosen.map((l) => lists[l]), 50);
        const want = new Set(exact[qi].slice(0, 10).map((h) => h.id));
        recall += want.size ? got.slice(0, 10).filter((h) => want.has(h.id)).length / want.size : 1;
        ndcg += pageNdcg(got, q.page, pageOf);
      });
      return { nprobe: Math.min(nprobe, c.lists), pageNdcg: ndcg / m, recall: recall / m, listBytes: Math.round(bytes / m) };
    }),
  ];
}

/** nDCG@10 over pages (first passage of each page counts) with one relevant page. */
export function pageNdcg(hits: readonly Hit[], page: number, pageOf: (id: number) => number): number {
  const pages = [...new Set(hits.map((h) => pageOf(h.id)))].slice(0, 10);
  const rank = pages.indexOf(page);
  return rank < 0 ? 0 : 1 / Math.log2(rank + 2);
}

/**
 * The smallest nprobe whose nDCG is within `share` of the exhaustive scan's
 * (the largest tried when none is), but no more than fits `maxListBytes`.
 */
export function chooseProbe(figures: readonly ProbeFigure[], share: number, maxListBytes: number): ProbeFigure {
  const exhaustive = figures.find((f) => f.nprobe === 0)!;
  const ivf = figures.filter((f) => f.nprobe > 0);
  const good = ivf.find((f) => f.pageNdcg >= share * exhaustive.pageNdcg) ?? ivf[ivf.length - 1];
  const affordable = ivf.filter((f) => f.listBytes <= maxListBytes);
  const cap = affordable[affordable.length - 1] ?? ivf[0];
  return good.nprobe <= cap.nprobe ? good : cap;
}
