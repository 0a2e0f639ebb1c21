/**
 * Keyword search on the page's own thread, for when the search worker
 * cannot run (its script is missing, blocked by CSP, or it crashed) — as
 * Pagefind falls back when its worker fails. Loaded with a dynamic
 * import(), so pages whose worker works never download it. It reads the
 * index through the same verified, cached source as the worker.
 */
import { LoadedIndex } from '../core/load/open-index.ts';
import { SearchEngine } from '../core/search/engine.ts';
import type { SearchOptions, SearchResponse } from '../core/search/types.ts';
import { fetchSource } from '../../worker/fetch-source.ts';
import { cachedSource } from '../../worker/persistent-cache.ts';

export interface MainThreadSearch {
  /** Lexical answers only (no model on this thread); always final. */
  search(query: string, options: SearchOptions): Promise<SearchResponse>;
}

export function createMainThreadSearch(indexUrl: string): MainThreadSearch {
  let engine: Promise<SearchEngine> | null = null;
  const open = () => {
    engine ??= LoadedIndex.open(cachedSource(fetchSource(indexUrl)), undefined, { lazy: true }).then((index) => new SearchEngine(index));
    // A network failure may pass: the next query tries again.
    engine.catch(() => (engine = null));
    return engine;
  };
  return {
    async search(query, options) {
      // No dense side lent: the core answers lexically, final.
      return (await open()).search(query, { ...options, mode: 'lexical' });
    },
  };
}
