/**
 * Runs a query set once per mode with the model loaded once and every query
 * encoded once — shared by `quarry query`, `quarry eval` and `quarry tune`.
 */
import type { SearchMode, SearchOptions } from '../../core/search/types.ts';
import type { QuarryIndex } from '../../node/index.ts';
import type { LabelledQuery } from './queries-file.ts';

export class QueryRunner {
  private readonly vectors = new Map<string, Float32Array>();

  constructor(private readonly index: QuarryIndex) {}

  async vectorFor(query: string): Promise<Float32Array> {
    let v = this.vectors.get(query);
    if (!v) {
      v = await this.index.encodeQuery(query);
      this.vectors.set(query, v);
    }
    return v;
  }

  async ranked(q: LabelledQuery, mode: SearchMode, options: SearchOptions = {}): Promise<string[]> {
    const engine = this.index.engine;
    const opts = { k: 10, ...options, mode };
    if (mode === 'lexical') return engine.rankedUrls(q.query, opts);
    const store = await engine.index.vectors();
    return engine.rankedUrls(q.query, opts, { vector: await this.vectorFor(q.query), store });
  }

  async rankAll(queries: LabelledQuery[], mode: SearchMode, options: SearchOptions = {}): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    for (const q of queries) out.set(q.id, await this.ranked(q, mode, options));
    return out;
  }
}
