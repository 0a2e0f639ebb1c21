import type { Answer, SearchOptions, SearchResponse } from '../core/search/types.ts';
import type { ClientStatus, LoadProgress } from '../protocol/worker-api.ts';

export type { ClientStatus, LoadProgress } from '../protocol/worker-api.ts';
export type { Answer, DenseError, NoMatch, Suggestion, SearchNotice, SearchOptions, SearchResponse, PageResult, PassageHit, SnippetPart, Stage } from '../core/search/types.ts';

/**
 * What the widget talks to. The real one wraps the search worker (rpc.ts);
 * `onUpdate` is called once per stage (lexical first, then hybrid) and
 * never for a query that a newer `search` call superseded.
 */
export interface SearchClient {
  search(query: string, options: SearchOptions, onUpdate: (r: SearchResponse) => void): Promise<void>;
  /** See WorkerApi.answer; resolves null when there is no card to show (or no model on this thread). */
  answer(query: string, passages: number[]): Promise<Answer | null>;
  onProgress(listener: (p: LoadProgress) => void): () => void;
  status(): Promise<ClientStatus>;
  /** Starts loading index + model ahead of the first query (on focus). */
  warm(): void;
  dispose(): void;
}
