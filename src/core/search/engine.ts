/**
 * The query core: one staged search behind the browser worker, Node's
 * `openIndex`, the CLI and the main-thread fallback, so what `quarry eval`
 * measures is what visitors get. A query is prepared once, then answered in
 * stages — lexical, then (when the host lends an encoder) dense and fused —
 * and each stage is handed to the host as soon as it is ready.
 */
import type { Encoder } from '../encoder.ts';
import { QuarryError } from '../errors.ts';
import type { LexicalHit } from '../lexical/bm25.ts';
import type { LoadedIndex } from '../load/open-index.ts';
import { byScoreThenId, type Hit } from '../rank/hit.ts';
import { looksLiteral } from '../text/literal.ts';
import { SupersededQuery, type DenseSide, type SearchHost } from './host.ts';
import { encoderText, isBlankQuery, prepareQuery, type PreparedQuery } from './prepare-query.ts';
import { queryTerms } from '../text/tokenize.ts';
import { bestCoverage, cutTail, holdBack, noGoodMatch, queryWords } from './confidence.ts';
import { groupByPage } from './group.ts';
import { pageResults } from './results.ts';
import type { Answer, DenseError, SearchMode, SearchNotice, SearchOptions, SearchResponse, Stage, Suggestion } from './types.ts';

/** Passages taken from each retriever before fusion. */
const CANDIDATES = 200;

/**
 * The dense tier's own code (top-k, fusion, the answer card) and the "no
 * good match" suggestions are lazy chunks in the browser bundles: the first
 * keyword answer needs neither (see dense-tier.ts).
 */
const denseTier = () => import('./dense-tier.ts');
const suggestions = () => import('./suggest.ts');

export const SEARCH_DEFAULTS = Object.freeze({ k: 10, mode: 'hybrid' as SearchMode, passagesPerPage: 3 });

/** One query's state while its stages run. */
interface Run {
  raw: string;
  query: PreparedQuery;
  options: SearchOptions;
  mode: SearchMode;
  filter: ((id: number) => boolean) | undefined;
  host: SearchHost;
  t0: number;
  /** Time spent waiting for the host's dense side to load: not the query's own cost. */
  waitMs: number;
  /** Postings shards that could not be loaded: their words are missing from the keyword side, and every response says so. */
  problems: SearchNotice[];
  /** BM25 runs at most once per query; every stage reuses its hits. */
  lexical?: { hits: LexicalHit[]; ms: number };
}

export class SearchEngine {
  constructor(readonly index: LoadedIndex) {}

  /** Encodes a query as the dense stage does (for checks and benchmarks). */
  async encodeQuery(encoder: Encoder, rawQuery: string): Promise<Float32Array> {
    return (await encoder.encode([encoderText(rawQuery)], 'query'))[0];
  }

  /**
   * Runs one query in stages and resolves with its final response; each
   * response, the lexical stage first, also goes to `host.onStage`. Without
   * `host.dense` (or with `host.denseError`) the answer is lexical.
   */
  async search(rawQuery: string, options: SearchOptions = {}, host: SearchHost = {}): Promise<SearchResponse> {
    const t0 = performance.now();
    const mode = options.mode ?? SEARCH_DEFAULTS.mode;
    // Nothing typed: the dense side would rank every passage against an empty embedding.
    if (isBlankQuery(rawQuery)) {
      return emit(host, { query: rawQuery, stage: mode, final: true, results: [], timings: { lexicalMs: 0, fuseMs: 0, totalMs: performance.now() - t0 } });
    }
    const lexicalError = this.index.lexicalError;
    if (lexicalError && mode === 'lexical') throw lexicalError;
    if (mode === 'dense' && !host.dense && !host.denseError) {
      throw new QuarryError('BAD_OPTION', 'mode "dense" needs an encoder; load the model first or use mode "hybrid".');
    }
    const { query, problems } = await this.prepare(rawQuery);
    const run: Run = { raw: rawQuery, query, problems, options, mode, filter: this.filterFor(options.filters), host, t0, waitMs: 0 };
    this.checkCurrent(run);
    // Fetched on first need (lazy): the keyword stage goes without near spellings, the final answer has them.
    const needsTerms = this.index.wantTerms(run.query.terms);

    if (mode === 'lexical' || !host.dense || host.denseError) {
      if (lexicalError) throw lexicalError; // neither side can answer
      if (needsTerms) await this.withTerms(run);
      return emit(host, await this.lexicalResponse(run, true, host.denseError));
    }

    // Keyword results at once, while the model may still be loading; only a listener needs them.
    let early: SearchResponse | null = null;
    if (!lexicalError && mode !== 'dense' && host.onStage) {
      early = await this.lexicalResponse(run, false, undefined, !looksLiteral(rawQuery));
      this.checkCurrent(run);
      emit(host, early);
    }

    let dense: DenseSide;
    let chunk: Awaited<ReturnType<typeof denseTier>>;
    const tw = performance.now();
    try {
      dense = await host.dense();
      // Only now: a chunk requested earlier could compete with the keyword answer's downloads. Failing to load it is a dense failure.
      chunk = await denseTier();
    } catch (e) {
      this.checkCurrent(run);
      if (!host.onDenseFailure) throw e;
      if (lexicalError) throw lexicalError;
      const denseError = host.onDenseFailure(e);
      if (needsTerms) await this.withTerms(run);
      return emit(host, await this.lexicalResponse(run, true, denseError));
    }
    if (needsTerms) await this.withTerms(run);
    run.waitMs = performance.now() - tw;
    // Typing fast: only the newest query is worth an encode.
    this.checkCurrent(run);
    const te = performance.now();
    const [vector] = await dense.encoder.encode([run.query.text], 'query');
    const encodeMs = performance.now() - te;
    this.checkCurrent(run);

    const td = performance.now();
    const denseHits = await dense.retrieve(vector, CANDIDATES, run.filter);
    const denseMs = performance.now() - td;
    this.checkCurrent(run);
    // Lexical file lost: answer densely, and say why keyword matching is missing.
    const fusing = mode === 'hybrid' && !lexicalError;
    // Dense mode still reads the keyword hits: they are the evidence "no good match" and the tail cut weigh.
    const lexical = lexicalError ? { hits: [], ms: 0 } : this.lexicalHits(run);
    const tf = performance.now();
    const tuned = dense.tier === 'static' ? { ...chunk.FUSION_DEFAULTS, ...this.index.manifest.fusion, lexicalWeight: chunk.STATIC_TIER_LEXICAL_WEIGHT } : this.index.manifest.fusion;
    const ranked = this.applyWeights(fusing ? chunk.fuse(lexical.hits, denseHits, chunk.fusionSettings(run.query.raw, options, tuned)) : denseHits);
    const calibration = dense.calibration === undefined ? this.index.manifest.calibration : (dense.calibration ?? undefined);
    const nothing = noGoodMatch({ coverage: bestCoverage(lexical.hits), words: queryWords(run.query), nearest: denseHits[0]?.score ?? null }, calibration);
    // The tail cut is hybrid's: in dense mode, a ranking by meaning alone, it could only remove pages.
    const hits = nothing ? [] : fusing ? cutTail(ranked, lexical.hits, denseHits, isOneLiteral(rawQuery)) : ranked;
    const fuseMs = performance.now() - tf;
    const extra: SearchNotice[] = lexicalError ? [lexicalError.toJSON()] : [];
    const stage = fusing ? 'hybrid' : 'dense';
    const response = await this.respond(run, hits, stage, true, { encodeMs, denseMs, lexicalMs: lexical.ms, fuseMs }, extra, ranked);
    return emit(host, { ...response, tier: dense.tier });
  }

  /**
   * The answer card for a final response (see answer.ts): `passages` are its
   * top passage ids, best first. Run after the results are shown, never before.
   */
  async answer(encoder: Encoder, rawQuery: string, passages: readonly number[]): Promise<Answer | null> {
    return (await denseTier()).pickAnswer(this.index, encoder, rawQuery, passages);
  }

  /**
   * The query with the postings shards its words need loaded (first the
   * words as typed, then the completions and near spellings chosen from them).
   */
  private async prepare(raw: string): Promise<{ query: PreparedQuery; problems: SearchNotice[] }> {
    const problems = await this.index.ensureTerms(queryTerms(raw).terms);
    const query = prepareQuery(raw, this.index.lexical, this.index.terms);
    problems.push(...(await this.index.ensureTerms(query.terms)));
    return { query, problems: problems.map((p) => ({ code: p.code, message: `${p.message} Keyword matches for some words are missing.` })) };
  }

  /** Prepares the query again once the term index is in (or failed: then as it was), for the final answer. */
  private async withTerms(run: Run): Promise<void> {
    await this.index.loadTerms().catch(() => undefined);
    if (!this.index.terms) return;
    ({ query: run.query, problems: run.problems } = await this.prepare(run.raw));
    run.lexical = undefined;
  }

  private lexicalHits(run: Run): { hits: LexicalHit[]; ms: number } {
    if (!run.lexical) {
      const t = performance.now();
      const { terms, weights, evidence } = run.query;
      const hits = terms.length ? this.index.lexical.search({ terms, weights, evidence }, CANDIDATES, run.filter) : [];
      run.lexical = { hits, ms: performance.now() - t };
    }
    return run.lexical;
  }

  /**
   * The keyword answer. `holdingBack`: semantic results are on their way for
   * a natural-language query, so only hits holding most of its words show
   * (the rest would be dressed-up junk for a paraphrase) and `withheld` says
   * how many pages wait.
   */
  private async lexicalResponse(run: Run, final: boolean, denseError?: DenseError, holdingBack = false): Promise<SearchResponse> {
    const lexical = this.lexicalHits(run);
    const tf = performance.now();
    const all = this.applyWeights(lexical.hits);
    const hits = holdingBack ? this.applyWeights(holdBack(lexical.hits)) : all;
    const response = await this.respond(run, hits, 'lexical', final, { lexicalMs: lexical.ms, fuseMs: performance.now() - tf }, [], all);
    const withheld = holdingBack ? this.pageCount(run, all) - response.results.length : 0;
    return { ...response, ...(withheld > 0 ? { withheld } : {}), ...(denseError ? { denseError } : {}) };
  }

  /**
   * `ranked` is the ranking before any cut: when a final answer is empty it
   * names the closest sections for the "no good match" suggestions.
   */
  private async respond(run: Run, hits: Hit[], stage: Stage, final: boolean, timings: Omit<SearchResponse['timings'], 'totalMs'>, extra: SearchNotice[], ranked: readonly Hit[]): Promise<SearchResponse> {
    const { k = SEARCH_DEFAULTS.k, passagesPerPage = SEARCH_DEFAULTS.passagesPerPage } = run.options;
    const { results, notices } = await pageResults(this.index, hits, run.query, { k, passagesPerPage });
    const all = [...notices, ...run.problems, ...extra];
    const noMatch = final && results.length === 0 ? { suggestions: await this.suggestionsFor(run.raw, ranked) } : null;
    return {
      query: run.raw,
      stage,
      final,
      results,
      ...(noMatch ? { noMatch } : {}),
      ...(all.length ? { notices: all } : {}),
      timings: { ...timings, totalMs: performance.now() - run.t0 - run.waitMs },
    };
  }

  /** The "no good match" ways forward; none when their chunk cannot be loaded (the page shows plain "No results"). */
  private async suggestionsFor(raw: string, ranked: readonly Hit[]): Promise<Suggestion[]> {
    const chunk = await suggestions().catch(() => null);
    return chunk ? chunk.suggestionsFor(raw, this.index, ranked) : [];
  }

  private pageCount(run: Run, hits: readonly Hit[]): number {
    const { k = SEARCH_DEFAULTS.k } = run.options;
    return groupByPage(hits, { pageOf: (id) => this.index.pageOf(id), sectionOf: () => 0 }, { k, passagesPerPage: 1 }).length;
  }

  private checkCurrent(run: Run): void {
    if (run.host.isCurrent && !run.host.isCurrent()) throw new SupersededQuery(run.raw);
  }

  private applyWeights(hits: Hit[]): Hit[] {
    const index = this.index;
    if (!hits.some((h) => index.weightOf(h.id) !== 1)) return hits;
    return hits.map((h) => ({ id: h.id, score: h.score * index.weightOf(h.id) })).sort(byScoreThenId);
  }

  private filterFor(filters: Record<string, string> | undefined): ((id: number) => boolean) | undefined {
    if (!filters || !Object.keys(filters).length) return undefined;
    const allowed = this.index.docs.pages.meta.map((meta) => meta !== 0 && Object.entries(filters).every(([key, value]) => meta[key] === value));
    return (id) => allowed[this.index.pageOf(id)];
  }
}

/** One identifier, flag or code, nothing else: the tail cut holds it to the pages that have it. */
function isOneLiteral(raw: string): boolean {
  return !/\s/u.test(raw.trim()) && looksLiteral(raw);
}

function emit(host: SearchHost, response: SearchResponse): SearchResponse {
  host.onStage?.(response);
  return response;
}
