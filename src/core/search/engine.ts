/**
 * The query core: one implementation behind the browser worker and Node's
 * `openIndex`, so what `quarry eval` measures is what visitors get.
 * The host encodes the query (it owns the model runtime) and passes the
 * vector in; everything else happens here.
 */
import { QuarryError } from '../errors.ts';
import type { FusionSettings } from '../format/manifest.ts';
import { passageHref } from '../format/url.ts';
import { FUSION_DEFAULTS } from '../fusion/defaults.ts';
import { fusionFor } from '../fusion/literal-guard.ts';
import { fuse } from '../fusion/weighted.ts';
import type { LoadedIndex } from '../load/open-index.ts';
import { topK } from '../vector/topk.ts';
import type { VectorStore } from '../vector/vectors-format.ts';
import { groupByPage } from './group.ts';
import { isBlankQuery, prepareQuery, type PreparedQuery } from './prepare-query.ts';
import { makeSnippet } from './snippet.ts';
import { pickAnchor } from './pick-anchor.ts';
import { loadProblem } from '../load/source.ts';
import type { PageResult, SearchNotice, SearchOptions, SearchResponse, SnippetPart, Stage } from './types.ts';

export interface Hit {
  id: number;
  score: number;
}

/** Passages taken from each retriever before fusion. */
const CANDIDATES = 200;

export const SEARCH_DEFAULTS = Object.freeze({ k: 10, mode: 'hybrid' as const, passagesPerPage: 3 });

export class SearchEngine {
  constructor(readonly index: LoadedIndex) {}

  prepare(query: string): PreparedQuery {
    return prepareQuery(query, this.index.lexical, this.index.terms);
  }

  /** Fusion settings for this query: explicit options > `quarry tune` result > defaults, then the literal guard. */
  fusionSettings(query: PreparedQuery, options: SearchOptions): FusionSettings {
    const base: FusionSettings = { ...FUSION_DEFAULTS, ...this.index.manifest.fusion };
    if (options.fusion) base.method = options.fusion;
    if (options.lexicalWeight !== undefined) return { ...base, lexicalWeight: options.lexicalWeight, literalLexicalWeight: options.lexicalWeight };
    return { ...base, ...fusionFor(query.raw, base) };
  }

  lexicalHits(query: PreparedQuery, filter?: (id: number) => boolean): Hit[] {
    if (!query.terms.length) return [];
    return this.index.lexical.search({ terms: query.terms, weights: query.weights }, CANDIDATES, filter);
  }

  denseHits(vector: Float32Array, store: VectorStore, filter?: (id: number) => boolean): Hit[] {
    return topK(vector, store, CANDIDATES, filter);
  }

  /**
   * Runs one query. `dense` is the encoded query plus the vectors; without it
   * a hybrid query answers from the lexical side alone (stage 'lexical').
   */
  async search(
    rawQuery: string,
    options: SearchOptions = {},
    dense?: { vector: Float32Array; store: VectorStore; encodeMs?: number },
  ): Promise<SearchResponse> {
    const t0 = performance.now();
    const mode = options.mode ?? SEARCH_DEFAULTS.mode;
    const k = options.k ?? SEARCH_DEFAULTS.k;
    // Nothing typed: the dense side would rank every passage against an empty embedding.
    if (isBlankQuery(rawQuery)) {
      return { query: rawQuery, stage: mode, final: true, results: [], timings: { lexicalMs: 0, fuseMs: 0, totalMs: performance.now() - t0 } };
    }
    const query = this.prepare(rawQuery);
    const filter = this.filterFor(options.filters);
    if (mode === 'dense' && !dense) {
      throw new QuarryError('BAD_OPTION', 'mode "dense" needs the query vector; load the model first or use mode "hybrid".');
    }

    const tl = performance.now();
    const lexical = mode === 'dense' ? [] : this.lexicalHits(query, filter);
    const lexicalMs = performance.now() - tl;

    const td = performance.now();
    const denseList = dense && mode !== 'lexical' ? this.denseHits(dense.vector, dense.store, filter) : null;
    const denseMs = denseList ? performance.now() - td : undefined;

    const tf = performance.now();
    let fused: Hit[];
    let stage: Stage;
    if (mode === 'lexical' || !denseList) {
      fused = lexical;
      stage = 'lexical';
    } else if (mode === 'dense') {
      fused = denseList;
      stage = 'dense';
    } else {
      fused = fuse(lexical, denseList, this.fusionSettings(query, options));
      stage = 'hybrid';
    }
    fused = this.applyWeights(fused);
    const fuseMs = performance.now() - tf;

    const notices = new Map<string, SearchNotice>();
    const results = await this.toResults(fused, query, k, options.passagesPerPage ?? SEARCH_DEFAULTS.passagesPerPage, notices);
    return {
      query: rawQuery,
      stage,
      final: stage !== 'lexical' || mode === 'lexical',
      results,
      ...(notices.size ? { notices: [...notices.values()] } : {}),
      timings: { encodeMs: dense?.encodeMs, denseMs, lexicalMs, fuseMs, totalMs: performance.now() - t0 + (dense?.encodeMs ?? 0) },
    };
  }

  /** Ranked page URLs with anchors, as `quarry query` prints them. */
  async rankedUrls(rawQuery: string, options: SearchOptions, dense?: { vector: Float32Array; store: VectorStore }): Promise<string[]> {
    const r = await this.search(rawQuery, { ...options, passagesPerPage: 1 }, dense);
    return r.results.map((p) => p.passages[0]?.href ?? p.url);
  }

  private applyWeights(hits: Hit[]): Hit[] {
    const passages = this.index.docs.passages;
    if (!hits.some((h) => passages[h.id][4] !== 1)) return hits;
    return hits.map((h) => ({ id: h.id, score: h.score * passages[h.id][4] })).sort((a, b) => b.score - a.score || a.id - b.id);
  }

  private filterFor(filters: Record<string, string> | undefined): ((id: number) => boolean) | undefined {
    if (!filters || !Object.keys(filters).length) return undefined;
    const { pages, passages } = this.index.docs;
    const allowed = pages.map(([, , , meta]) => meta !== 0 && Object.entries(filters).every(([key, value]) => meta[key] === value));
    return (id) => allowed[passages[id][0]];
  }

  /** A passage's snippet; empty (the UI shows its breadcrumb alone) when its text shard cannot be loaded. */
  private async snippetFor(id: number, query: PreparedQuery, notices: Map<string, SearchNotice>): Promise<SnippetPart[]> {
    let text: string;
    try {
      text = await this.index.text(id);
    } catch (e) {
      const file = this.index.textShardPath(id);
      notices.set(file, {
        code: 'INDEX_CORRUPT',
        message: `${file} ${loadProblem(e)}; some excerpts are missing. Redeploy the whole index folder written by \`quarry build\`.`,
      });
      return [];
    }
    return makeSnippet(text, { terms: query.terms });
  }

  private async toResults(hits: Hit[], query: PreparedQuery, k: number, passagesPerPage: number, notices: Map<string, SearchNotice>): Promise<PageResult[]> {
    const groups = groupByPage(hits, this.index, { k, passagesPerPage });
    const { pages, passages } = this.index.docs;
    return Promise.all(
      groups.map(async (group) => {
        const [url, title, , meta] = pages[group.page];
        return {
          url,
          title,
          score: group.score,
          meta: meta === 0 ? {} : meta,
          passages: await Promise.all(
            group.passages.map(async (hit) => {
              const [, passageAnchor, breadcrumb, , , subsections] = passages[hit.id];
              const { anchor, heading } = pickAnchor(passageAnchor, subsections, query.terms);
              return {
                id: hit.id,
                anchor,
                breadcrumb: heading ? [...breadcrumb, heading] : breadcrumb,
                href: passageHref(url, anchor),
                score: hit.score,
                snippet: await this.snippetFor(hit.id, query, notices),
              };
            }),
          ),
        };
      }),
    );
  }
}
