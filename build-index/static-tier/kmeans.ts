/**
 * Spherical k-means (cosine) with k-means++ seeding, seeded: the IVF lists
 * and the PQ codebook are pure functions of the vectors, so an unchanged
 * site rebuilds to the same files.
 */
import { seeded } from '../random.ts';

export interface KMeansResult {
  /** [k][dims] */
  centers: Float32Array;
  /** Center of each point. */
  assign: Int32Array;
}

/**
 * `points` are rows of `dims` in one array. `spherical`: centers are
 * normalised and points assigned by dot product (for unit vectors); else
 * plain Euclidean k-means (for PQ pieces).
 */
export function kmeans(points: Float32Array, dims: number, k: number, opts: { iterations: number; seed: number; spherical: boolean }): KMeansResult {
  const n = points.length / dims;
  k = Math.max(1, Math.min(k, n));
  const random = seeded(opts.seed);
  const centers = new Float32Array(k * dims);
  // k-means++: each next center with probability ∝ distance² to the nearest one so far.
  const nearest = new Float64Array(n).fill(Infinity);
  let pick = Math.floor(random() * n);
  for (let c = 0; c < k; c++) {
    centers.set(points.subarray(pick * dims, (pick + 1) * dims), c * dims);
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const d = dist2(points, i * dims, centers, c * dims, dims);
      if (d < nearest[i]) nearest[i] = d;
      sum += nearest[i];
    }
    let r = random() * sum;
    pick = n - 1;
    for (let i = 0; i < n; i++) {
      r -= nearest[i];
      if (r <= 0) {
        pick = i;
        break;
      }
    }
  }
  const assign = new Int32Array(n);
  for (let it = 0; it < opts.iterations; it++) {
    let moved = 0;
    for (let i = 0; i < n; i++) {
      const best = closest(points, i * dims, centers, k, dims, opts.spherical);
      if (best !== assign[i] || it === 0) moved++;
      assign[i] = best;
    }
    const sums = new Float64Array(k * dims);
    const sizes = new Int32Array(k);
    for (let i = 0; i < n; i++) {
      const c = assign[i];
      sizes[c]++;
      for (let d = 0; d < dims; d++) sums[c * dims + d] += points[i * dims + d];
    }
    for (let c = 0; c < k; c++) {
      if (sizes[c] === 0) {
        // An empty center restarts at a random point.
        const i = Math.floor(random() * n);
        centers.set(points.subarray(i * dims, (i + 1) * dims), c * dims);
        continue;
      }
      let norm = 0;
      for (let d = 0; d < dims; d++) {
        const v = sums[c * dims + d] / sizes[c];
        centers[c * dims + d] = v;
        norm += v * v;
      }
      if (opts.spherical && norm > 0) for (let d = 0; d < dims; d++) centers[c * dims + d] /= Math.sqrt(norm);
    }
    if (moved === 0) break;
  }
  for (let i = 0; i < n; i++) assign[i] = closest(points, i * dims, centers, k, dims, opts.spherical);
  return { centers, assign };
}

export function closest(points: Float32Array, at: number, centers: Float32Array, k: number, dims: number, spherical: boolean): number {
  let best = 0;
  let bestScore = -Infinity;
  for (let c = 0; c < k; c++) {
    let s: number;
    if (spherical) {
      s = 0;
      for (let d = 0; d < dims; d++) s += points[at + d] * centers[c * dims + d];
    } else s = -dist2(points, at, centers, c * dims, dims);
    if (s > bestScore) {
      bestScore = s;
      best = c;
    }
  }
  return best;
}

function dist2(a: Float32Array, ai: number, b: Float32Array, bi: number, dims: number): number {
  let s = 0;
  for (let d = 0; d < dims; d++) {
    const x = a[ai + d] - b[bi + d];
    s += x * x;
  }
  return s;
}
