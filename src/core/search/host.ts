/**
 * What a host lends the core's staged search: the dense side (it owns the
 * model runtime), how dense failures surface, and whether the query is still
 * wanted.
 */
import type { Encoder } from '../encoder.ts';
import type { VectorStore } from '../vector/vectors-format.ts';
import type { DenseError, SearchResponse } from './types.ts';

export interface DenseSide {
  encoder: Encoder;
  store: VectorStore;
}

export interface SearchHost {
  /**
   * Loads (or returns the loaded) encoder and vectors; called only when the
   * query needs them. Without it the search answers lexically.
   */
  dense?: () => Promise<DenseSide>;
  /** The dense side is known to be unavailable: answer lexically, final, with this error. */
  denseError?: DenseError;
  /**
   * Turns a failure of `dense()` into the response's `denseError`, and the
   * query answers lexically. Without it the failure rejects the search.
   */
  onDenseFailure?: (error: unknown) => DenseError;
  /** Checked at each stage boundary; once false the search stops with `SupersededQuery`. */
  isCurrent?: () => boolean;
  /**
   * Receives each answer as it is ready: the lexical stage first (only when a
   * dense stage follows it), then the final one.
   */
  onStage?: (response: SearchResponse) => void;
}

/** Thrown when `isCurrent()` says a newer query replaced this one: nothing more is emitted. */
export class SupersededQuery extends Error {
  constructor(readonly query: string) {
    super(`query "${query}" was superseded`);
    this.name = 'SupersededQuery';
  }
}
