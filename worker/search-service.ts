/**
 * What the worker does, separated from comlink wiring so it reads as plain
 * async code: load the index, load the model in the background, answer
 * queries in stages, drop superseded ones.
 */
import { QuarryError } from '../src/core/errors.ts';
import { LoadedIndex } from '../src/core/load/open-index.ts';
import { readVerified } from '../src/core/load/source.ts';
import { SearchEngine } from '../src/core/search/engine.ts';
import { isBlankQuery } from '../src/core/search/prepare-query.ts';
import type { SearchOptions, SearchResponse } from '../src/core/search/types.ts';
import type { VectorStore } from '../src/core/vector/vectors-format.ts';
import { WORKER_API_VERSION, type ClientStatus, type LoadProgress, type WorkerApi, type WorkerConfig } from '../src/protocol/worker-api.ts';
import { describeDenseFailure } from './dense-failure.ts';
import { createBrowserEncoder, type BrowserEncoder } from './encoder.ts';
import { fetchSource } from './fetch-source.ts';
import { cachedSource, pruneCaches } from './persistent-cache.ts';

/** Dummy encodes right after load let V8 tier up the WASM before the user's first real query. */
const WARMUP_QUERIES = ['warm up', 'how do I configure the search index', 'x'];

export class SearchService implements WorkerApi {
  readonly version = WORKER_API_VERSION;
  private engine: SearchEngine | null = null;
  private dense: Promise<{ encoder: BrowserEncoder; store: VectorStore }> | null = null;
  private state: ClientStatus = { index: 'loading', dense: 'idle', backend: null, threads: 1, crossOriginIsolated: Boolean(globalThis.crossOriginIsolated) };
  private latest = 0;
  private config: WorkerConfig | null = null;
  private progress: (p: LoadProgress) => void = () => {};

  async init(config: WorkerConfig, onProgress: (p: LoadProgress) => void): Promise<ClientStatus> {
    this.config = config;
    this.progress = onProgress;
    if (!this.engine) {
      try {
        const source = config.persistentCache ? cachedSource(fetchSource(config.indexUrl)) : fetchSource(config.indexUrl);
        const index = await LoadedIndex.open(
          source,
          (file, loaded, total) => onProgress({ phase: 'index', loaded, total, message: `Loading search index (${file})` }),
          // Without the lexical file, dense search can still answer (when the model loads).
          { lazyTerms: true, lexicalOptional: true },
        );
        this.engine = new SearchEngine(index);
        if (config.persistentCache) void pruneCaches(index.manifest, config.indexUrl);
        this.state.index = 'ready';
      } catch (e) {
        this.state.index = 'failed';
        this.state.error = toPlain(e);
        onProgress({ phase: 'failed', loaded: 0, total: 0, message: this.state.error.message, error: { ...this.state.error, fatal: true } });
        throw e;
      }
    }
    if (config.eagerModel) void this.loadDense().catch(() => undefined);
    return this.status();
  }

  async status(): Promise<ClientStatus> {
    return { ...this.state };
  }

  async search(query: string, options: SearchOptions, onUpdate: (r: SearchResponse) => void): Promise<void> {
    const id = ++this.latest;
    const engine = this.engine;
    if (!engine) throw new QuarryError('INDEX_NOT_FOUND', 'The search index is not loaded yet; call init first.');
    const mode = options.mode ?? 'hybrid';
    if (isBlankQuery(query)) {
      onUpdate(await engine.search(query, options));
      return;
    }
    const lexicalError = engine.index.lexicalError;
    if (lexicalError && mode === 'lexical') throw lexicalError;
    const denseFailed = this.state.dense === 'failed';

    if (!lexicalError && (mode !== 'dense' || denseFailed)) {
      const lexical = await engine.search(query, { ...options, mode: 'lexical' });
      if (id !== this.latest) return;
      const final = mode === 'lexical' || denseFailed;
      onUpdate({ ...lexical, final, ...(denseFailed ? { denseError: this.state.error } : {}) });
      if (final) return;
    }

    let dense: { encoder: BrowserEncoder; store: VectorStore };
    try {
      dense = await this.loadDense();
    } catch {
      if (id !== this.latest) return;
      if (lexicalError) throw lexicalError; // neither side can answer
      const lexical = await engine.search(query, { ...options, mode: 'lexical' });
      onUpdate({ ...lexical, final: true, denseError: this.state.error });
      return;
    }
    // Typing fast: only the newest query is worth an encode.
    if (id !== this.latest) return;
    const t = performance.now();
    const [vector] = await dense.encoder.encode([engine.prepare(query).text], 'query');
    const encodeMs = performance.now() - t;
    if (id !== this.latest) return;
    // Lexical file lost: answer densely, and say why keyword matching is missing.
    const response = await engine.search(query, lexicalError ? { ...options, mode: 'dense' } : options, { vector, store: dense.store, encodeMs });
    onUpdate(lexicalError ? { ...response, notices: [...(response.notices ?? []), lexicalError.toJSON()] } : response);
  }

  private loadDense(): Promise<{ encoder: BrowserEncoder; store: VectorStore }> {
    const engine = this.engine;
    const config = this.config;
    if (!engine || !config) return Promise.reject(new QuarryError('INDEX_NOT_FOUND', 'index not loaded'));
    if (this.dense) return this.dense;
    // After a failure, downloads still in flight must not put the progress line back.
    let failed = false;
    this.dense = (async () => {
      this.state.dense = 'loading';
      const { manifest } = engine.index;
      const modelBase = new URL(manifest.model.path ?? 'models/', config.indexUrl).href;
      const totals = new Map<string, [number, number]>();
      const report = (file: string, loaded: number, total: number) => {
        if (failed) return;
        totals.set(file, [loaded, total]);
        let l = 0;
        let t = 0;
        for (const [a, b] of totals.values()) {
          l += a;
          t += b;
        }
        this.progress({ phase: 'model', loaded: l, total: t, message: 'Downloading the search model (first visit only)' });
      };
      // Model and runtime files by absolute URL: read through the verified, cached source.
      const listed = new Map([...manifest.files.model, ...manifest.files.assets].map((e) => [new URL(e.path, config.indexUrl).href, e]));
      const [encoder, store] = await Promise.all([
        createBrowserEncoder({
          spec: manifest.model,
          modelBaseUrl: modelBase,
          runtimeUrl: new URL('ort/', config.indexUrl).href,
          readListed: (url) => {
            const entry = listed.get(url);
            return entry ? readVerified(engine.index.source, entry, (l, t) => report(entry.path, l, t)) : Promise.resolve(null);
          },
          device: config.device,
          threads: config.threads,
        }),
        engine.index.vectors(),
      ]);
      this.progress({ phase: 'warmup', loaded: 0, total: 0, message: 'Preparing semantic search' });
      for (const q of WARMUP_QUERIES) await encoder.encode([q], 'query');
      this.state = { ...this.state, dense: 'ready', backend: encoder.backend, threads: encoder.threads };
      this.progress({ phase: 'ready', loaded: 0, total: 0, message: 'Semantic search ready' });
      return { encoder, store };
    })();
    this.dense.catch((e) => {
      failed = true;
      const error = describeDenseFailure(e, engine.index.manifest.files.vectors.path);
      this.state.dense = 'failed';
      this.state.error = error;
      console.debug('quarry: semantic search unavailable:', e);
      this.progress({ phase: 'failed', loaded: 0, total: 0, message: error.message, error: { ...error, fatal: false } });
    });
    return this.dense;
  }
}

function toPlain(e: unknown): { code: QuarryError['code']; message: string } {
  if (e instanceof QuarryError) return e.toJSON();
  return { code: 'INDEX_CORRUPT', message: (e as Error)?.message ?? String(e) };
}
