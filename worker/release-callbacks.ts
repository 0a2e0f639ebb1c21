/**
 * Comlink keeps the page's end of every proxied callback open until the
 * worker releases it. `search` gets a fresh `onUpdate` proxy per query, so
 * each one is released when its search settles (without this, every query
 * left a MessagePort and its listener behind on the page). `init`'s
 * `onProgress` stays open: the model keeps reporting after init resolves.
 */
import { releaseProxy, type Remote } from 'comlink';
import type { WorkerApi } from '../src/protocol/worker-api.ts';

export function releasingSearchCallbacks(api: WorkerApi): WorkerApi {
  return {
    version: api.version,
    init: (config, onProgress) => api.init(config, onProgress),
    status: () => api.status(),
    answer: (query, passages) => api.answer(query, passages),
    async search(query, options, onUpdate) {
      try {
        await api.search(query, options, onUpdate);
      } finally {
        (onUpdate as unknown as Partial<Remote<unknown>>)[releaseProxy]?.();
      }
    },
  };
}
