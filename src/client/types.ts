import type { DenseError, SearchOptions, SearchResponse } from '../core/search/types.ts';

export type { DenseError, SearchNotice, SearchOptions, SearchResponse, PageResult, PassageHit, SnippetPart, Stage } from '../core/search/types.ts';

/** Loading progress the widget shows the first time (model download etc.). */
export interface LoadProgress {
  phase: 'index' | 'model' | 'warmup' | 'ready' | 'failed';
  /** Bytes loaded / total for the current phase (0/0 when unknown). */
  loaded: number;
  total: number;
  /** Human-readable status line. */
  message: string;
  /**
   * With phase 'failed': what failed. `fatal` false means only semantic
   * search is lost (the widget replaces the progress line with a notice).
   */
  error?: DenseError & { fatal: boolean };
}

export interface ClientStatus {
  /** Lexical search is ready. */
  index: 'loading' | 'ready' | 'failed';
  /** Dense search (model) state. */
  dense: 'idle' | 'loading' | 'ready' | 'failed';
  backend: 'webgpu' | 'wasm' | null;
  threads: number;
  crossOriginIsolated: boolean;
  error?: DenseError;
}

/**
 * What the widget talks to. The real one wraps the comlink worker;
 * `onUpdate` is called once per stage (lexical first, then hybrid) and
 * never for a query that a newer `search` call superseded.
 */
export interface SearchClient {
  search(query: string, options: SearchOptions, onUpdate: (r: SearchResponse) => void): Promise<void>;
  onProgress(listener: (p: LoadProgress) => void): () => void;
  status(): Promise<ClientStatus>;
  /** Starts loading index + model ahead of the first query (on focus). */
  warm(): void;
  dispose(): void;
}
