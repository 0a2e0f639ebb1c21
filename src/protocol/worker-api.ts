/**
 * The typed contract between the page (src/client) and the search worker.
 * Versioned so a cached old worker and a new page never talk past each other.
 */
import type { Answer, DenseError, SearchOptions, SearchResponse } from '../core/search/types.ts';

/**
 * Bumped whenever WorkerApi or WorkerConfig changes shape; the page refuses
 * a worker of another version (a cached old quarry.worker.js) and searches by
 * keyword on the main thread instead. 2: `persistentCache` left WorkerConfig
 * (downloads are always cached), errors always carry a code. 3: `answer`.
 * 4: the wire is rpc.ts, not comlink (a version 3 worker still answers the
 * version probe, so the page refuses it cleanly).
 */
export const WORKER_API_VERSION = 4;

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

export interface WorkerConfig {
  /** Absolute URL of the index folder, ending in '/'. */
  indexUrl: string;
  /** 'auto' tries WebGPU when an adapter exists, else WASM. */
  device: 'auto' | 'wasm' | 'webgpu';
  /** WASM threads; 0 = pick (cores, capped at 4) when cross-origin isolated, else 1. */
  threads: number;
  /**
   * true (default): start loading the model after the first keyword answer,
   * or a few seconds after the index when no query comes; false: only when a
   * query needs it. Either way nothing of the model is requested before the
   * first keyword answer of a query typed at once.
   */
  eagerModel: boolean;
}

export interface WorkerApi {
  readonly version: number;
  /** Loads the index (lexical search is ready when this resolves) and starts the model load. */
  init(config: WorkerConfig, onProgress: (p: LoadProgress) => void): Promise<ClientStatus>;
  /**
   * Answers `query` in stages through `onUpdate` (lexical at once, hybrid
   * when the model is ready). A later call supersedes an earlier one: the
   * earlier one stops at its next stage boundary and reports nothing more.
   */
  search(query: string, options: SearchOptions, onUpdate: (r: SearchResponse) => void): Promise<void>;
  /**
   * The answer card for a final response: the sentence of `passages` (the
   * response's top passage ids, best first) that best answers `query`, or
   * null when the query is not a question, the model is not loaded, or no
   * sentence stands out. Called after the final response, so it never delays results.
   */
  answer(query: string, passages: number[]): Promise<Answer | null>;
  status(): Promise<ClientStatus>;
}
