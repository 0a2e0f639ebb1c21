/**
 * What the worker does, separated from comlink wiring so it reads as plain
 * async code: load the index, load the model in the background, answer
 * queries in stages, drop superseded ones.
 */
import { QuarryError, toQuarryError } from '../src/core/errors.ts';
import { LoadedIndex } from '../src/core/load/open-index.ts';
import { readVerified } from '../src/core/load/source.ts';
import { SearchEngine } from '../src/core/search/engine.ts';
import { SupersededQuery, type DenseSide } from '../src/core/search/host.ts';
import type { Answer, SearchOptions, SearchResponse } from '../src/core/search/types.ts';
import { WORKER_API_VERSION, type ClientStatus, type LoadProgress, type WorkerApi, type WorkerConfig } from '../src/protocol/worker-api.ts';
import { describeDenseFailure } from './dense-failure.ts';
import type { BrowserEncoder } from './encoder.ts';
import { fetchSource } from './fetch-source.ts';
import { cachedSource, pruneCaches } from './persistent-cache.ts';

/**
 * With `eagerModel`, how long after the index loads the model starts
 * downloading when no query came: a visitor who opens the dialog and pauses
 * gets a head start, while one who types at once gets keyword results before
 * a single model byte is requested (their first keyword answer starts it).
 */
const IDLE_MODEL_START_MS = 3000;

/**
 * After the first keyword answer reached the page, the model waits this long
 * more: the answer is painted (and reported to the page's listeners) before
 * a single model request starts. Seconds of download follow anyway.
 */
const MODEL_START_DELAY_MS = 200;

/** Dummy encodes right after load let V8 tier up the WASM before the user's first real query. */
const WARMUP_QUERIES = ['warm up', 'how do I configure the search index', 'x'];

export class SearchService implements WorkerApi {
  readonly version = WORKER_API_VERSION;
  private engine: SearchEngine | null = null;
  private dense: Promise<DenseSide & { encoder: BrowserEncoder }> | null = null;
  private state: ClientStatus = { index: 'loading', dense: 'idle', backend: null, threads: 1, crossOriginIsolated: Boolean(globalThis.crossOriginIsolated) };
  private latest = 0;
  private config: WorkerConfig | null = null;
  private progress: (p: LoadProgress) => void = () => {};
  private idleStart: ReturnType<typeof setTimeout> | undefined;
  /** Searches in flight: the idle model start waits for them. */
  private searching = 0;

  async init(config: WorkerConfig, onProgress: (p: LoadProgress) => void): Promise<ClientStatus> {
    this.config = config;
    this.progress = onProgress;
    if (!this.engine) {
      try {
        // Always cached: the service worker shares this cache, so a second copy would only cost storage.
        const source = cachedSource(fetchSource(config.indexUrl));
        const index = await LoadedIndex.open(
          source,
          (file, loaded, total) => onProgress({ phase: 'index', loaded, total, message: `Loading search index (${file})` }),
          // Without the lexical file, dense search can still answer (when the model loads).
          { lazy: true, lexicalOptional: true },
        );
        this.engine = new SearchEngine(index);
        void pruneCaches(index.manifest, config.indexUrl);
        this.state.index = 'ready';
      } catch (e) {
        this.state.index = 'failed';
        this.state.error = toPlain(e);
        onProgress({ phase: 'failed', loaded: 0, total: 0, message: this.state.error.message, error: { ...this.state.error, fatal: true } });
        throw e;
      }
    }
    if (config.eagerModel && !this.dense) {
      clearTimeout(this.idleStart);
      this.idleStart = setTimeout(() => {
        if (!this.searching) void this.loadDense().catch(() => undefined);
      }, IDLE_MODEL_START_MS);
    }
    return this.status();
  }

  async status(): Promise<ClientStatus> {
    return { ...this.state };
  }

  async search(query: string, options: SearchOptions, onUpdate: (r: SearchResponse) => void): Promise<void> {
    const id = ++this.latest;
    const engine = this.engine;
    if (!engine) throw new QuarryError('INDEX_NOT_FOUND', 'The search index is not loaded yet; call init first.');
    // Over comlink each update is a message on the callback's own port, and this call's answer travels on
    // another: a page that stops listening once the answer arrives could miss the last update. Wait for delivery.
    const delivered: Array<Promise<unknown>> = [];
    this.searching++;
    try {
      await engine.search(query, options, {
        // Not before the keyword answer is on the page: model and runtime downloads must not compete with it.
        dense: async () => {
          if (this.dense) return this.dense;
          await Promise.allSettled(delivered);
          await new Promise((r) => setTimeout(r, MODEL_START_DELAY_MS));
          return this.loadDense();
        },
        denseError: this.state.dense === 'failed' ? this.state.error : undefined,
        // loadDense's own handler has described the failure by the time the search sees it.
        onDenseFailure: (e) => this.state.error ?? describeDenseFailure(e, engine.index.manifest.files.vectors.path),
        isCurrent: () => id === this.latest,
        onStage: (r) => delivered.push(Promise.resolve(onUpdate(r))),
      });
    } catch (e) {
      if (!(e instanceof SupersededQuery)) throw e;
    } finally {
      this.searching--;
      await Promise.allSettled(delivered);
    }
  }

  async answer(query: string, passages: number[]): Promise<Answer | null> {
    // Only with the model already loaded: the card must never start a 20 MB download on its own.
    if (!this.engine || !this.dense || this.state.dense !== 'ready') return null;
    const { encoder } = await this.dense;
    return this.engine.answer(encoder, query, passages);
  }

  private loadDense(): Promise<DenseSide & { encoder: BrowserEncoder }> {
    const engine = this.engine;
    const config = this.config;
    if (!engine || !config) return Promise.reject(new QuarryError('INDEX_NOT_FOUND', 'index not loaded'));
    if (this.dense) return this.dense;
    // After a failure, downloads still in flight must not put the progress line back.
    let failed = false;
    clearTimeout(this.idleStart);
    this.dense = (async () => {
      this.state.dense = 'loading';
      // transformers.js and onnxruntime-web are a chunk of their own: keyword search never loads them.
      const { createBrowserEncoder } = await import('./encoder.ts');
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

/** init failed while loading the index: an error without a code means the index could not be read. */
function toPlain(e: unknown): { code: QuarryError['code']; message: string } {
  return toQuarryError(e, 'INDEX_CORRUPT').toJSON();
}
