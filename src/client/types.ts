import type { SearchOptions, SearchResponse } from '../core/search/types.ts';
import type { QuarryErrorCode } from '../core/errors.ts';

export type { SearchOptions, SearchResponse, PageResult, PassageHit, SnippetPart, Stage } from '../core/search/types.ts';

/** Loading progress the widget shows the first time (model download etc.). */
export interface LoadProgress {
  phase: 'index' | 'model' | 'warmup' | 'ready' | 'failed';
  /** Bytes loaded / total for the current phase (0/0 when unknown). */
  loaded: number;
  total: number;
  /** Human-readable status line. */
  message: string;
}

export interface ClientStatus {
  /** Lexical search is ready. */
  index: 'loading' | 'ready' | 'failed';
  /** Dense search (model) state. */
  dense: 'idle' | 'loading' | 'ready' | 'failed';
  backend: 'webgpu' | 'wasm' | null;
  threads: number;
  crossOriginIsolated: boolean;
  error?: { code: QuarryErrorCode; message: string };
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
