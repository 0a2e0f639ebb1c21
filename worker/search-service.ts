/**
 * What the worker does, separated from the message wiring (rpc.ts) so it reads as plain
 * async code: load the index, load the model in the background, answer
 * queries in stages, drop superseded ones.
 */
import { QuarryError, toQuarryError } from '../src/core/errors.ts';
import { LoadedIndex } from '../src/core/load/open-index.ts';
import { SearchEngine } from '../src/core/search/engine.ts';
import { SupersededQuery, type DenseSide } from '../src/core/search/host.ts';
import { hasStaticTier } from '../src/core/format/manifest.ts';
import type { Answer, SearchOptions, SearchResponse } from '../src/core/search/types.ts';
import { WORKER_API_VERSION, type ClientStatus, type LoadProgress, type WorkerApi, type WorkerConfig } from '../src/protocol/worker-api.ts';
import type { BrowserEncoder } from './encoder.ts';
import { fetchSource } from './fetch-source.ts';
import { cachedSource } from './persistent-cache.ts';

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

/**
 * With a static tier (issue 15), semantic answers need no model, so the
 * model (20+ MB) downloads only for a visitor who keeps searching: from
 * this many queries on. Until it is ready, queries use the static tier.
 */
const FULL_TIER_AFTER_QUERIES = 2;

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
  private pruned = false;
  /** The static tier's dense side, loaded on the first query that needs it. */
  private staticSide: Promise<DenseSide> | null = null;
  private queries = 0;

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
        this.state.index = 'ready';
        setTimeout(() => this.prune(), IDLE_MODEL_START_MS);
      } catch (e) {
        this.state.index = 'failed';
        this.state.error = toPlain(e);
        onProgress({ phase: 'failed', loaded: 0, total: 0, message: this.state.error.message, error: { ...this.state.error, fatal: true } });
        throw e;
      }
    }
    // With a static tier the model is for visitors who keep searching, not for every page view.
    if (config.eagerModel && !this.dense && !this.hasStatic()) {
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
    this.searching++;
    const nth = ++this.queries;
    const useStatic = this.hasStatic() && this.state.dense !== 'ready';
    try {
      await engine.search(query, options, {
        // Not before the keyword answer is on its way to the page (it was posted before the engine asks for the
        // dense side): model and runtime downloads must not compete with it.
        dense: async () => {
          if (useStatic) {
            if (nth >= FULL_TIER_AFTER_QUERIES && !this.dense) setTimeout(() => void this.loadDense().catch(() => undefined), MODEL_START_DELAY_MS);
            // Its files are a few kB, but they too wait until the keyword answer is painted.
            if (!this.staticSide) await new Promise((r) => setTimeout(r, MODEL_START_DELAY_MS));
            return this.loadStatic();
          }
          if (this.dense) return this.dense;
          await new Promise((r) => setTimeout(r, MODEL_START_DELAY_MS));
          return this.loadDense();
        },
        denseError: this.state.dense === 'failed' && !useStatic ? this.state.error : undefined,
        // loadDense has described the failure by the time the search sees it.
        onDenseFailure: (e) => this.state.error ?? toQuarryError(e, 'MODEL_LOAD_FAILED').toJSON(),
        isCurrent: () => id === this.latest,
        onStage: onUpdate,
      });
    } catch (e) {
      if (!(e instanceof SupersededQuery)) throw e;
    } finally {
      this.searching--;
      this.prune();
    }
  }

  private hasStatic(): boolean {
    return this.engine !== null && hasStaticTier(this.engine.index.manifest);
  }

  /** The static tier (a lazy chunk of its own: the keyword path never loads it). */
  private loadStatic(): Promise<DenseSide> {
    const engine = this.engine!;
    this.staticSide ??= import('../src/core/load/static-tier.ts').then(({ StaticTier }) => new StaticTier(engine.index.source, engine.index.manifest).side());
    this.staticSide.catch(() => (this.staticSide = null));
    return this.staticSide;
  }

  /** Once, when idle (after a search, or a while after init): the cached files of earlier builds go. */
  private prune(): void {
    const engine = this.engine;
    if (this.pruned || this.searching || !engine || !this.config) return;
    this.pruned = true;
    const { indexUrl } = this.config;
    import('./cache-listing.ts').then(
      (m) => m.pruneCaches(engine.index.manifest, indexUrl),
      () => undefined,
    );
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
      try {
        this.state.dense = 'loading';
        // The loader with transformers.js and onnxruntime-web is a chunk of its own: keyword search never loads it.
        const { loadDenseSide } = await import('./encoder-loader.ts');
        const side = await loadDenseSide(engine.index, config, (p) => {
          if (!failed) this.progress(p);
        });
        this.state = { ...this.state, dense: 'ready', backend: side.encoder.backend, threads: side.encoder.threads };
        this.progress({ phase: 'ready', loaded: 0, total: 0, message: 'Semantic search ready' });
        return side;
      } catch (e) {
        failed = true;
        // Described before the promise rejects, so a search waiting on it finds the description in `state`.
        // Its code is a chunk too (only failures need it); when even that cannot load, the error says enough.
        const error = await import('./dense-failure.ts').then(
          (m) => m.describeDenseFailure(e, engine.index.manifest.files.vectors.path),
          () => ({ ...toQuarryError(e, 'MODEL_LOAD_FAILED').toJSON(), reason: 'semantic search could not be loaded' }),
        );
        this.state.dense = 'failed';
        this.state.error = error;
        console.debug('quarry: semantic search unavailable:', e);
        this.progress({ phase: 'failed', loaded: 0, total: 0, message: error.message, error: { ...error, fatal: false } });
        throw e;
      }
    })();
    this.dense.catch(() => undefined);
    return this.dense;
  }
}

/** init failed while loading the index: an error without a code means the index could not be read. */
function toPlain(e: unknown): { code: QuarryError['code']; message: string } {
  return toQuarryError(e, 'INDEX_CORRUPT').toJSON();
}
