import { expose, proxy, wrap } from 'comlink';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WorkerApi } from '../../../src/protocol/worker-api.ts';
import type { SearchResponse } from '../../../src/core/search/types.ts';
import { releasingSearchCallbacks } from '../../../worker/release-callbacks.ts';

/** A worker stand-in: answers each search with two stages through the callback. */
const service: WorkerApi = {
  version: 3,
  answer: async () => null,
  init: async () => ({ index: 'ready', dense: 'idle', backend: null, threads: 1, crossOriginIsolated: false }),
  status: async () => ({ index: 'ready', dense: 'idle', backend: null, threads: 1, crossOriginIsolated: false }),
  async search(query, _options, onUpdate) {
    onUpdate({ query, stage: 'lexical', final: false, results: [] } as unknown as SearchResponse);
    onUpdate({ query, stage: 'hybrid', final: true, results: [] } as unknown as SearchResponse);
  },
};

describe('worker search callbacks', () => {
  const channels: MessageChannel[] = [];
  afterEach(() => {
    for (const c of channels) {
      c.port1.close();
      c.port2.close();
    }
    vi.restoreAllMocks();
  });

  it('releases the page side of each search’s onUpdate proxy once the search settles (none left open after 20 queries)', async () => {
    const channel = new MessageChannel();
    channels.push(channel);
    expose(releasingSearchCallbacks(service), channel.port2 as unknown as Parameters<typeof expose>[1]);
    const remote = wrap<WorkerApi>(channel.port1 as unknown as Parameters<typeof wrap>[0]);
    const closed = vi.spyOn(MessagePort.prototype, 'close');
    const stages: string[] = [];
    for (let i = 0; i < 20; i++) await remote.search(`q${i}`, {}, proxy((r: SearchResponse) => void stages.push(r.stage)));
    // The release travels as a message: let it arrive. The page closes its end of each callback's channel on receipt.
    await vi.waitFor(() => expect(closed.mock.calls.length).toBeGreaterThanOrEqual(20));
    expect(stages).toHaveLength(40); // every update arrived before its callback was released
  });
});
