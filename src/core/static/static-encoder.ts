/**
 * The first-keystroke query encoder (issue 15): no neural network at query
 * time. A query's vector is the weighted mean of its words' rows, rows the
 * build distilled from the full model into its own query space
 * (build-index/static-tier/), normalised. Encoding takes microseconds; what
 * it costs is the few rows a query fetches (`lookup`). Words the site never
 * uses have no row and add nothing: the full model remains the upgrade.
 */
import type { Encoder } from '../encoder.ts';
import type { StaticRow } from './rows-format.ts';
import { staticWords } from './words.ts';

/** Fetches (or returns cached) rows for words; a word without a row is absent from the map. */
export type RowLookup = (words: readonly string[]) => Promise<Map<string, StaticRow>>;

export function staticEncoder(dims: number, lookup: RowLookup): Encoder {
  return {
    dims,
    async encode(texts) {
      const words = texts.map((t) => staticWords(t));
      const rows = await lookup([...new Set(words.flat())]);
      return words.map((ws) => staticVector(ws, rows, dims));
    },
  };
}

/** The weighted mean of the rows, L2-normalised; all zeros when no word has a row (nothing then scores). */
export function staticVector(words: readonly string[], rows: ReadonlyMap<string, StaticRow>, dims: number): Float32Array {
  const v = new Float32Array(dims);
  for (const w of words) {
    const row = rows.get(w);
    if (!row) continue;
    const f = row.weight * row.scale;
    for (let d = 0; d < dims; d++) v[d] += f * row.values[d];
  }
  let norm = 0;
  for (let d = 0; d < dims; d++) norm += v[d] * v[d];
  if (norm > 0) {
    const inv = 1 / Math.sqrt(norm);
    for (let d = 0; d < dims; d++) v[d] *= inv;
  }
  return v;
}
