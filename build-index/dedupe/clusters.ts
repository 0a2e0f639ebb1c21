/**
 * Near-duplicate clusters: MinHash signatures bucketed by LSH bands find
 * candidate pairs; each candidate is confirmed by exact Jaccard on the
 * shingle sets, so the threshold is exact and the sketch only saves the
 * all-pairs comparison.
 */
import { jaccard } from './shingles.ts';

/** Copies must share ≥ 90% of their shingles: "the same text", not "similar text". */
export const NEAR_DUPLICATE_JACCARD = 0.9;

// 10 bands × 5 rows: a pair at Jaccard 0.9 becomes a candidate with probability > 0.9998; at 0.5, ~0.27 (then rejected by the exact check).
const BANDS = 10;
const ROWS = 5;
const SEEDS = Array.from({ length: BANDS * ROWS }, (_, i) => Math.imul(i + 1, 0x9e3779b1) >>> 0);

/** murmur3's 32-bit finaliser: one cheap, well-mixed permutation per seed. */
function mix(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

function signature(set: Uint32Array): Uint32Array {
  const sig = new Uint32Array(SEEDS.length).fill(0xffffffff);
  for (const x of set) {
    for (let k = 0; k < SEEDS.length; k++) {
      const h = mix(x ^ SEEDS[k]);
      if (h < sig[k]) sig[k] = h;
    }
  }
  return sig;
}

/** Cluster id per set (union-find root index); sets with no near twin are their own cluster. Empty sets never cluster. */
export function nearDuplicateClusters(sets: Uint32Array[]): number[] {
  const parent = sets.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]];
    return i;
  };
  const signatures = sets.map((set) => (set.length ? signature(set) : null));
  for (let band = 0; band < BANDS; band++) {
    const buckets = new Map<string, number[]>();
    sets.forEach((set, i) => {
      const sig = signatures[i];
      if (!sig) return;
      const key = Array.prototype.join.call(sig.subarray(band * ROWS, (band + 1) * ROWS), ',');
      const reps = buckets.get(key);
      if (!reps) { buckets.set(key, [i]); return; }
      // Compare against the bucket's distinct representatives only: a bucket of 100 copies costs 100 checks, not 5000.
      for (const r of reps) {
        if (find(r) === find(i)) return;
        if (jaccard(sets[r], set) >= NEAR_DUPLICATE_JACCARD) { parent[find(i)] = find(r); return; }
      }
      reps.push(i);
    });
  }
  return sets.map((_, i) => find(i));
}
