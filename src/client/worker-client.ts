/**
 * The SearchClient the widget uses: a lazily created module worker behind
 * comlink. If the model fails to load on a GPU device, the worker is
 * replaced by a fresh one on WASM before the next query (a failed WebGPU
 * session poisons transformers.js for its whole worker, so retrying in place
 * cannot work); if the worker itself dies, the error is reported to the UI.
 */
import { proxy, releaseProxy, wrap, type Remote } from 'comlink';
import { QuarryError } from '../core/errors.ts';
import type { SearchOptions, SearchResponse } from '../core/search/types.ts';
import type { WorkerApi, WorkerConfig } from '../../worker/api.ts';
import { installErrorTransfer } from '../../worker/comlink-errors.ts';
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

export function createWorkerClient(options: WorkerClientOptions): SearchClient {
  installErrorTransfer();
  const indexUrl = new URL(options.indexUrl.endsWith('/') ? options.indexUrl : `${options.indexUrl}/`, location.href).href;
  const listeners = new Set<(p: LoadProgress) => void>();
  const emit = (p: LoadProgress) => listeners.forEach((l) => l(p));
  let worker: Worker | null = null;
  let remote: Remote<WorkerApi> | null = null;
  let ready: Promise<Remote<WorkerApi>> | null = null;
  let deathError: QuarryError | null = null;
  /** Set when dense search failed on a non-WASM device; checked (once) before the next query. */
  let denseFailed = false;
  let fellBackToWasm = false;
  const watch = (p: LoadProgress) => {
    if (p.phase === 'failed') denseFailed = true;
    emit(p);
  };

  const start = (device: WorkerConfig['device']): Promise<Remote<WorkerApi>> => {
    const url = options.workerUrl ?? new URL('quarry.worker.js', indexUrl).href;
    worker = new Worker(url, { type: 'module', name: 'quarry-search' });
    worker.addEventListener('error', (event) => {
      deathError = new QuarryError('MODEL_LOAD_FAILED', `The search worker failed: ${event.message || 'could not start'} (${url}).`);
      emit({ phase: 'failed', loaded: 0, total: 0, message: deathError.message });
    });
    remote = wrap<WorkerApi>(worker);
    const config: WorkerConfig = {
      indexUrl,
      device,
      threads: options.threads ?? 0,
      eagerModel: options.eagerModel ?? true,
      // The service worker shares this cache, so the worker keeps it either way.
      persistentCache: true,
    };
    const r = remote;
    return r.init(config, proxy(watch)).then(() => r);
  };

  const connect = () => (ready ??= start(options.device ?? 'auto'));

  const stop = () => {
    remote?.[releaseProxy]();
    worker?.terminate();
    worker = null;
    remote = null;
    ready = null;
  };

  /** One retry on WASM in a fresh worker, when the index loaded but the model did not. */
  const maybeFallBack = async (api: Remote<WorkerApi>): Promise<Remote<WorkerApi>> => {
    if (!denseFailed || fellBackToWasm || options.device === 'wasm') return api;
    denseFailed = false;
    const status = await api.status();
    if (status.index !== 'ready' || status.dense !== 'failed') return api;
    fellBackToWasm = true;
    stop();
    ready = start('wasm');
    return ready;
  };

  return {
    warm() {
      void connect().catch(() => undefined);
    },
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async status(): Promise<ClientStatus> {
      return (await connect()).status();
    },
    async search(query: string, opts: SearchOptions, onUpdate: (r: SearchResponse) => void) {
      if (deathError) throw deathError;
      const api = await maybeFallBack(await connect());
      await api.search(query, opts, proxy(onUpdate));
    },
    dispose() {
      stop();
      listeners.clear();
    },
  };
}
