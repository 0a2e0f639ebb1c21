import type { Encoder } from '../encoder.ts';
import { topK } from '../vector/topk.ts';
import type { VectorStore } from '../vector/vectors-format.ts';
import type { DenseSide } from './host.ts';

/** The full model's dense side: its encoder and the exact scan over every passage vector. */
export function fullDenseSide(encoder: Encoder, store: VectorStore): DenseSide {
  return { tier: 'full', encoder, retrieve: (vector, k, filter) => topK(vector, store, k, filter) };
}
