import { afterEach, describe, expect, it, vi } from 'vitest';
import { QuarryError } from '../../../src/core/errors.ts';
import type { SearchResponse } from '../../../src/core/search/types.ts';
import { connectWorkerApi, serveWorkerApi, type Port } from '../../../src/protocol/rpc.ts';
import type { ClientStatus, LoadProgress, WorkerApi } from '../../../src/protocol/worker-api.ts';

const READY: ClientStatus = { index: 'ready', dense: 'idle', backend: null, threads: 1, crossOriginIsolated: false };
const stage = (query: string, s: string) => ({ query, stage: s, final: s !== 'lexical', results: [] }) as unknown as SearchResponse;

function service(overrides: Partial<WorkerApi> = {}): WorkerApi {
  return {
    version: 4,
    init: async () => READY,
    status: async () => READY,
    answer: async () => null,
    async search(query, _options, onUpdate) {
      onUpdate(stage(query, 'lexical'));
      onUpdate(stage(query, 'hybrid'));
    },
    ...overrides,
  };
}

describe('the page ↔ worker wire', () => {
  const channels: MessageChannel[] = [];
  afterEach(() => {
    for (const c of channels.splice(0)) {
      c.port1.close();
      c.port2.close();
    }
  });
  const connect = (api: WorkerApi) => {
    const channel = new MessageChannel();
    channels.push(channel);
    serveWorkerApi(api, channel.port2 as unknown as Port);
    return connectWorkerApi(channel.port1 as unknown as Port);
  };

  it('delivers every stage update of a search before the search resolves, for each of 20 queries', async () => {
    const remote = connect(service());
    for (let i = 0; i < 20; i++) {
      const seen: string[] = [];
      await remote.search(`q${i}`, {}, (r) => seen.push(`${r.query}:${r.stage}`));
      expect(seen).toEqual([`q${i}:lexical`, `q${i}:hybrid`]);
    }
  });

  it('keeps init’s progress callback after init resolves: the model reports later', async () => {
    let report: ((p: LoadProgress) => void) | null = null;
    const remote = connect(service({ init: async (_config, onProgress) => ((report = onProgress), READY) }));
    const progress: string[] = [];
    expect(await remote.init({ indexUrl: 'https://docs.example/_quarry/', device: 'wasm', threads: 1, eagerModel: true }, (p) => progress.push(p.phase))).toEqual(READY);
    report!({ phase: 'model', loaded: 1, total: 2, message: 'Downloading' });
    report!({ phase: 'ready', loaded: 0, total: 0, message: 'ready' });
    await vi.waitFor(() => expect(progress).toEqual(['model', 'ready']));
  });

  it('turns errors into QuarryErrors: with their own code, or the fallback when they had none', async () => {
    const remote = connect(
      service({
        status: () => Promise.reject(new QuarryError('INDEX_NOT_FOUND', 'No Quarry index at /docs/_quarry/')),
        answer: () => Promise.reject(new RangeError('offset is out of bounds')),
      }),
    );
    const missing = await remote.status().catch((e: unknown) => e);
    expect(missing).toBeInstanceOf(QuarryError);
    expect(missing).toMatchObject({ code: 'INDEX_NOT_FOUND', message: 'No Quarry index at /docs/_quarry/' });
    const bug = await remote.answer('why', [1]).catch((e: unknown) => e);
    expect(bug).toBeInstanceOf(QuarryError);
    expect(bug).toMatchObject({ code: 'WORKER_FAILED', message: 'offset is out of bounds' });
  });

  it('answers the version probe, and refuses a request it does not know with an error naming it', async () => {
    const channel = new MessageChannel();
    channels.push(channel);
    serveWorkerApi(service(), channel.port2 as unknown as Port);
    const replies: unknown[] = [];
    channel.port1.addEventListener('message', (e) => replies.push(e.data));
    channel.port1.start();
    channel.port1.postMessage({ id: 1, type: 'GET', path: ['version'] });
    channel.port1.postMessage({ id: 2, type: 'call', method: 'constructor', args: [] });
    await vi.waitFor(() => expect(replies).toHaveLength(2));
    expect(replies[0]).toEqual({ id: 1, type: 'result', value: 4 });
    expect(replies[1]).toMatchObject({ id: 2, type: 'error', error: { code: 'WORKER_FAILED', message: expect.stringContaining('"method":"constructor"') } });
  });
});
