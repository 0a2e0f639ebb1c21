/**
 * What a host lends the core's staged search: the dense side (it owns the
 * model runtime), how dense failures surface, and whether the query is still
 * wanted.
 */
import type { Encoder } from '../encoder.ts';
import type { Calibration } from '../format/manifest.ts';
import type { Hit } from '../rank/hit.ts';
import type { DenseError, DenseTier, SearchResponse } from './types.ts';

/**
 * A query encoder and the retrieval that goes with it: the full model with
 * the exhaustive scan over every vector (`fullDenseSide`), or the static
 * tier's word table with IVF lists (load/static-tier.ts).
 */
export interface DenseSide {
  tier: DenseTier;
  encoder: Encoder;
  /** The k passages nearest a query vector, best first. */
  retrieve(vector: Float32Array, k: number, filter?: (id: number) => boolean): Hit[] | Promise<Hit[]>;
  /**
   * "No good match" floors of this tier's scores: absent means the
   * manifest's (measured with the model); null means its scores never
   * decide it.
   */
  calibration?: Calibration | null;
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
