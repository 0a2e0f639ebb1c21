/**
 * The SearchClient the widget uses: a lazily created module worker, spoken
 * to over src/protocol/rpc.ts. If the model fails to load on a GPU device, the worker is
 * replaced by a fresh one on WASM before the next query (a failed WebGPU
 * session poisons transformers.js for its whole worker, so retrying in place
 * cannot work). If the worker cannot start or dies, every call waiting on
 * it rejects at once (a message port alone would wait forever) and keyword search
 * moves to the main thread (main-thread-search.ts, loaded only then).
 */
import { isQuarryError, QuarryError, toQuarryError } from '../core/errors.ts';
import type { Answer, DenseError, SearchOptions, SearchResponse } from '../core/search/types.ts';
import { connectWorkerApi, type Port, type WorkerConnection } from '../protocol/rpc.ts';
import { WORKER_API_VERSION, type WorkerConfig } from '../protocol/worker-api.ts';
import type { MainThreadSearch } from './main-thread-search.ts';
import type { ClientStatus, LoadProgress, SearchClient } from './types.ts';

export interface WorkerClientOptions {
  /** Index folder URL (absolute or relative to the page). */
  indexUrl: string;
  /** Worker script URL; default `quarry.worker.js` next to the index. */
  workerUrl?: string;
  device?: WorkerConfig['device'];
  threads?: number;
  eagerModel?: boolean;
}

/** One worker and the calls waiting on it. */
interface Session {
  remote: WorkerConnection;
  /** `p`, or a rejection as soon as this worker dies or is stopped. */
  call<T>(p: Promise<T>): Promise<T>;
  /** Rejects every waiting call with `error` and terminates the worker. */
  end(error: QuarryError): void;
}

export function createWorkerClient(options: WorkerClientOptions): SearchClient {
  const indexUrl = new URL(options.indexUrl.endsWith('/') ? options.indexUrl : `${options.indexUrl}/`, location.href).href;
  const listeners = new Set<(p: LoadProgress) => void>();
  const emit = (p: LoadProgress) => listeners.forEach((l) => l(p));
  let ready: Promise<Session> | null = null;
  let session: Session | null = null;
  /** Set once the worker could not start or died: searches run on the main thread from then on. */
  let workerError: DenseError | null = null;
  let mainThread: Promise<MainThreadSearch> | null = null;
  let latest = 0;
  /** Set when dense search failed on a non-WASM device; checked (once) before the next query. */
  let denseFailed = false;
  let fellBackToWasm = false;
  const watch = (p: LoadProgress) => {
    // Only a runtime that could not start is worth a fresh WASM worker; a missing or corrupt file would fail again.
    if (p.phase === 'failed' && p.error?.code === 'MODEL_LOAD_FAILED') denseFailed = true;
    emit(p);
  };

  const start = (device: WorkerConfig['device']): Promise<Session> => {
    const url = options.workerUrl ?? new URL('quarry.worker.js', indexUrl).href;
    const worker = new Worker(url, { type: 'module', name: 'quarry-search' });
    // An error without a code from the worker (one that predates codes) means it failed to answer.
    const remote = connectWorkerApi(worker as unknown as Port, 'WORKER_FAILED');
    let reject!: (e: QuarryError) => void;
    const ended = new Promise<never>((_, r) => (reject = r));
    ended.catch(() => undefined);
    let over = false;
    const s: Session = {
      remote,
      call: (p) => Promise.race([p, ended]),
      end(error) {
        if (over) return;
        over = true;
        reject(error);
        remote.close();
        worker.terminate();
      },
    };
    const die = (error: QuarryError) => {
      if (over) return;
      s.end(error);
      if (session === s) session = null;
      ready = null;
      workerError = { ...error.toJSON(), reason: 'the search worker could not run in this browser' };
      console.debug('quarry: search worker failed; keyword search continues on the page.', error);
      emit({ phase: 'failed', loaded: 0, total: 0, message: error.message, error: { ...workerError, fatal: false } });
    };
    worker.addEventListener('error', (event) => {
      event.preventDefault();
      const what = event instanceof ErrorEvent && event.message ? `failed: ${event.message}` : 'could not start';
      die(
        new QuarryError(
          'WORKER_FAILED',
          `The search worker ${url} ${what}. Deploy the whole folder written by \`quarry build\` (it includes quarry.worker.js) and allow it in your Content-Security-Policy (worker-src 'self').`,
        ),
      );
    });
    worker.addEventListener('messageerror', () => {
      die(new QuarryError('WORKER_FAILED', `The search worker ${url} sent a message this page could not read. Reload the page; if it persists, redeploy the index folder.`));
    });
    const config: WorkerConfig = {
      indexUrl,
      device,
      threads: options.threads ?? 0,
      eagerModel: options.eagerModel ?? true,
    };
    session = s;
    // A cached old worker beside a new page would misread the config: refuse it before init, keyword search goes on.
    const checkVersion = async () => {
      const version = await s.call(remote.version());
      if (version === WORKER_API_VERSION) return;
      const error = new QuarryError(
        'WORKER_FAILED',
        `The search worker ${url} speaks protocol version ${String(version)}, this page needs ${WORKER_API_VERSION}: quarry.js and quarry.worker.js come from different builds (often a cached old worker). Redeploy the whole folder written by \`quarry build\` and reload; keyword search works meanwhile.`,
      );
      die(error);
      throw error;
    };
    return checkVersion()
      .then(() => s.call(remote.init(config, watch)))
      .then(() => s);
  };

  const connect = () => (ready ??= start(options.device ?? 'auto'));

  const stop = (reason: QuarryError) => {
    session?.end(reason);
    session = null;
    ready = null;
  };

  /** One retry on WASM in a fresh worker, when the index loaded but the model did not. */
  const maybeFallBack = async (s: Session): Promise<Session> => {
    if (!denseFailed || fellBackToWasm || options.device === 'wasm') return s;
    denseFailed = false;
    const status = await s.call(s.remote.status());
    if (status.index !== 'ready' || status.dense !== 'failed') return s;
    fellBackToWasm = true;
    stop(new QuarryError('ABORTED', 'moved to a fresh WASM worker'));
    ready = start('wasm');
    return ready;
  };

  const searchOnMainThread = async (query: string, opts: SearchOptions, onUpdate: (r: SearchResponse) => void, seq: number) => {
    mainThread ??= import('./main-thread-search.ts').then((m) => m.createMainThreadSearch(indexUrl));
    // What fails here without a code is the download of the keyword-search chunk or the index.
    const response = await mainThread.then((m) => m.search(query, opts)).catch((e: unknown) => Promise.reject(toQuarryError(e, 'NETWORK')));
    if (seq !== latest) throw new QuarryError('ABORTED', 'superseded by a newer query');
    onUpdate(workerError ? { ...response, denseError: workerError } : response);
  };

  return {
    warm() {
      if (!workerError) void connect().catch(() => undefined);
    },
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async status(): Promise<ClientStatus> {
      if (workerError) return { index: 'ready', dense: 'failed', backend: null, threads: 1, crossOriginIsolated: globalThis.crossOriginIsolated, error: workerError };
      const s = await connect();
      return s.call(s.remote.status());
    },
    async search(query: string, opts: SearchOptions, onUpdate: (r: SearchResponse) => void) {
      const seq = ++latest;
      if (!workerError) {
        try {
          const s = await maybeFallBack(await connect());
          await s.call(s.remote.search(query, opts, onUpdate));
          return;
        } catch (e) {
          if (!isQuarryError(e, 'WORKER_FAILED')) throw e;
        }
      }
      await searchOnMainThread(query, opts, onUpdate, seq);
    },
    async answer(query: string, passages: number[]) {
      // No model on the main thread: no card.
      if (workerError || !session) return null;
      try {
        const s = await connect();
        return await s.call(s.remote.answer(query, passages));
      } catch (e) {
        // The card is an extra: a failure to make one never reaches the results.
        console.debug('quarry: no answer card:', e);
        return null;
      }
    },
    dispose() {
      stop(new QuarryError('ABORTED', 'the search widget was removed'));
      listeners.clear();
    },
  };
}
