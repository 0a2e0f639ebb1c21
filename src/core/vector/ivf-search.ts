/**
 * Approximate dense top-k over IVF lists (ivf-format.ts): score the
 * centroids, fetch the `nprobe` nearest lists, score their residual codes
 * with a per-query lookup table (asymmetric: the query stays float). The
 * build chose `nprobe` against the exhaustive scan (build-index/static-tier/ivf.ts).
 */
import type { Hit } from '../rank/hit.ts';
import { TopKHeap } from '../rank/top-k-heap.ts';
import { PQ_CODES, type IvfCentroids, type IvfList } from './ivf-format.ts';

/** The `nprobe` lists whose centroids are nearest the query, nearest first. */
export function nearestLists(query: Float32Array, c: IvfCentroids, nprobe: number): number[] {
  const heap = new TopKHeap(Math.min(nprobe, c.lists));
  for (let l = 0; l < c.lists; l++) {
    if (c.counts[l] === 0) continue;
    let s = 0;
    const base = l * c.dims;
    for (let d = 0; d < c.dims; d++) s += query[d] * c.centroids[base + d];
    heap.push(l, s);
  }
  return heap.result().map((h) => h.id);
}

/** q · codebook entry, for every piece and code: one list of 16 per piece. */
export function lookupTable(query: Float32Array, c: IvfCentroids): Float32Array {
  const pieces = c.dims / c.sub;
  const lut = new Float32Array(pieces * PQ_CODES);
  for (let p = 0; p < pieces; p++) {
    for (let k = 0; k < PQ_CODES; k++) {
      let s = 0;
      const base = (p * PQ_CODES + k) * c.sub;
      for (let i = 0; i < c.sub; i++) s += query[p * c.sub + i] * c.codebook[base + i];
      lut[p * PQ_CODES + k] = s;
    }
  }
  return lut;
}

/** Top-k over the given lists (list number → its codes), approximating q · passage. */
export function scanLists(query: Float32Array, c: IvfCentroids, lists: ReadonlyArray<[number, IvfList]>, k: number, filter?: (id: number) => boolean): Hit[] {
  const lut = lookupTable(query, c);
  const heap = new TopKHeap(k);
  for (const [l, list] of lists) {
    let base = 0;
    const cb = l * c.dims;
    for (let d = 0; d < c.dims; d++) base += query[d] * c.centroids[cb + d];
    const { codes, codeBytes } = list;
    for (let r = 0; r < list.ids.length; r++) {
      let s = base;
      const at = r * codeBytes;
      for (let b = 0; b < codeBytes; b++) {
        const byte = codes[at + b];
        s += lut[b * 2 * PQ_CODES + (byte & 15)] + lut[(b * 2 + 1) * PQ_CODES + (byte >> 4)];
      }
      if (s < heap.threshold) continue;
      const id = list.ids[r];
      if (filter !== undefined && !filter(id)) continue;
      heap.push(id, s);
    }
  }
  return heap.result();
}
