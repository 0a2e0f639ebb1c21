/**
 * Runs query sets through an index's search, once per mode or setting, with
 * the model loaded once and each query encoded once — for `quarry query`,
 * `quarry eval`, `quarry tune` and the benchmark.
 */
import { rememberingQueries } from '../core/encoder.ts';
import type { DenseSide } from '../core/search/host.ts';
import type { SearchMode, SearchOptions, SearchResponse } from '../core/search/types.ts';
import type { QuarryIndex } from './index.ts';

export interface RunnableQuery {
  id: string;
  query: string;
}

export class QueryRunner {
  private side: Promise<DenseSide> | null = null;

  constructor(private readonly index: QuarryIndex) {}

  /** The index's search, with query vectors remembered across calls. */
  search(query: string, options: SearchOptions): Promise<SearchResponse> {
    return this.index.engine.search(query, options, { dense: this.dense });
  }

  /** Ranked page URLs, each with its best passage's anchor. */
  async ranked(q: RunnableQuery, mode: SearchMode, options: SearchOptions = {}): Promise<string[]> {
    const r = await this.search(q.query, { k: 10, ...options, mode, passagesPerPage: 1 });
    return r.results.map((p) => p.passages[0]?.href ?? p.url);
  }

  async rankAll(queries: readonly RunnableQuery[], mode: SearchMode, options: SearchOptions = {}): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const q of queries) out.set(q.id, await this.ranked(q, mode, options));
    return out;
  }

  private readonly dense = (): Promise<DenseSide> => {
    this.side ??= this.index.dense().then((side) => ({ ...side, encoder: rememberingQueries(side.encoder) }));
    // A failed load may pass (nothing is cached of it): the next query tries again, as openIndex's own search would.
    this.side.catch(() => (this.side = null));
    return this.side;
  };
}
