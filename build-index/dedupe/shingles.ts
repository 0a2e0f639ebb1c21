/**
 * Passage text → the set of its 5-word shingles, hashed to 32 bits. Text is
 * normalised first (case, punctuation, whitespace) so copies that differ only
 * in markup spacing or curly quotes compare equal.
 */
import xxhash from 'xxhash-wasm';

/** Five words: long enough that shared boilerplate sentences do not make two different entries look alike. */
export const SHINGLE_WORDS = 5;

export function normaliseText(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, ' ').trim();
}

export type Hash32 = (s: string) => number;

/** xxhash-wasm: a maintained, dependency-free WASM xxHash; a crypto digest per shingle would dominate the build. */
export async function createHasher(): Promise<Hash32> {
  const { h32 } = await xxhash();
  // A site's vocabulary is small and words repeat: a lookup is cheaper than a call into WASM.
  const seen = new Map<string, number>();
  return (s) => {
    let h = seen.get(s);
    if (h === undefined) seen.set(s, (h = h32(s)));
    return h;
  };
}

/** Sorted, distinct shingle hashes; a text shorter than one shingle is one shingle of itself. */
export function shingleSet(text: string, hash: Hash32): Uint32Array {
  const words = normaliseText(text).split(' ').filter(Boolean);
  if (!words.length) return new Uint32Array(0);
  // Each word is hashed once; a shingle's hash combines its words' (order-sensitive), so no shingle string is ever built.
  const wordHashes = words.map((w) => hash(w));
  const n = Math.max(1, words.length - SHINGLE_WORDS + 1);
  const out = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let h = 0x811c9dc5;
    for (let k = i; k < Math.min(i + SHINGLE_WORDS, words.length); k++) h = Math.imul(h ^ wordHashes[k], 0x01000193) ^ (h >>> 15);
    out[i] = h >>> 0;
  }
  out.sort();
  let w = 0;
  for (let i = 0; i < n; i++) if (i === 0 || out[i] !== out[i - 1]) out[w++] = out[i];
  return out.slice(0, w);
}

/** Exact Jaccard similarity of two sorted distinct sets. */
export function jaccard(a: Uint32Array, b: Uint32Array): number {
  if (!a.length && !b.length) return 1;
  let i = 0;
  let j = 0;
  let common = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { common++; i++; j++; }
    else if (a[i] < b[j]) i++;
    else j++;
  }
  return common / (a.length + b.length - common);
}
