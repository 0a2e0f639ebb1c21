import type { FusionMethod } from '../format/manifest.ts';
import { byScoreThenId, type Hit } from '../rank/hit.ts';
import { minmax } from './minmax.ts';
import { rrf } from './rrf.ts';
import { zscore } from './zscore.ts';

export interface FuseSettings {
  method: FusionMethod;
  /** Lexical share for minmax/zscore (dense gets 1 - it); ignored by rrf. */
  lexicalWeight: number;
  rrfK: number;
}

/**
 * Fuses the lexical and dense lists into one ranking. For minmax/zscore each
 * list is normalised and a passage missing from one list counts 0 there.
 * Ties break by id.
 */
export function fuse(lexical: readonly Hit[], dense: readonly Hit[], settings: FuseSettings): Hit[] {
  if (settings.method === 'rrf') return rrf([lexical, dense], settings.rrfK);
  const w = Math.min(1, Math.max(0, settings.lexicalWeight));
  const normalise = settings.method === 'zscore' ? zscore : minmax;
  // Weight 0 or 1 means one list only: its hits, not the other's at score 0.
  if (w === 0) return normalise(dense);
  if (w === 1) return normalise(lexical);
  const sum = new Map<number, number>();
  for (const { id, score } of normalise(lexical)) sum.set(id, w * score);
  for (const { id, score } of normalise(dense)) sum.set(id, (sum.get(id) ?? 0) + (1 - w) * score);
  return [...sum].map(([id, score]) => ({ id, score })).sort(byScoreThenId);
}
