import { expose } from 'comlink';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createWorkerClient } from '../../../src/client/worker-client.ts';
import type { ClientStatus, LoadProgress, WorkerApi } from '../../../src/protocol/worker-api.ts';
import { WORKER_API_VERSION } from '../../../src/protocol/worker-api.ts';
import { serveWorkerApi, type Port } from '../../../src/protocol/rpc.ts';

const READY: ClientStatus = { index: 'ready', dense: 'idle', backend: null, threads: 1, crossOriginIsolated: false };

/**
 * What `new Worker(url)` gives the client: one end of a channel whose other
 * end serves `api` as the worker script does, or as a cached 0.1 worker did
 * (over comlink, which Quarry no longer ships: a devDependency for this test).
 */
function installWorker(api: WorkerApi, wire: 'current' | 'comlink' = 'current'): MessageChannel {
  const channel = new MessageChannel();
  if (wire === 'comlink') expose(api, channel.port2 as unknown as Parameters<typeof expose>[1]);
  else serveWorkerApi(api, channel.port2 as unknown as Port);
  class FakeWorker {
    addEventListener = channel.port1.addEventListener.bind(channel.port1);
    removeEventListener = channel.port1.removeEventListener.bind(channel.port1);
    postMessage = channel.port1.postMessage.bind(channel.port1);
    start = () => channel.port1.start();
    terminate = () => channel.port1.close();
  }
  vi.stubGlobal('Worker', FakeWorker);
  return channel;
}

function workerApi(version: number) {
  return {
    version,
    init: vi.fn(async () => READY),
    status: vi.fn(async () => READY),
    search: vi.fn(async () => undefined),
    answer: vi.fn(async () => null),
  } satisfies WorkerApi;
}

describe('worker client: the worker must speak this page’s protocol version', () => {
  let channel: MessageChannel | null = null;
  beforeEach(() => {
    vi.stubGlobal('location', { href: 'https://docs.example/guide/' });
  });
  afterEach(() => {
    channel?.port1.close();
    channel?.port2.close();
    vi.unstubAllGlobals();
  });

  it('refuses a cached old worker before init, says why, and searches by keyword on the page instead', async () => {
    const old = workerApi(WORKER_API_VERSION - 1);
    channel = installWorker(old, 'comlink');
    const fetched: string[] = [];
    vi.stubGlobal('fetch', async (url: string) => (fetched.push(String(url)), new Response('', { status: 404 })));
    const client = createWorkerClient({ indexUrl: 'https://docs.example/_quarry/' });
    const progress: LoadProgress[] = [];
    client.onProgress((p) => progress.push(p));

    await expect(client.status()).rejects.toMatchObject({ code: 'WORKER_FAILED', message: expect.stringContaining(`protocol version ${WORKER_API_VERSION - 1}, this page needs ${WORKER_API_VERSION}`) });
    expect(old.init).not.toHaveBeenCalled();
    expect(progress.at(-1)).toMatchObject({ phase: 'failed', error: { code: 'WORKER_FAILED', fatal: false } });
    expect(await client.status()).toMatchObject({ index: 'ready', dense: 'failed', error: { code: 'WORKER_FAILED' } });

    // The query goes to the main-thread keyword search (which reads the index itself), never to the old worker.
    await expect(client.search('backup', {}, () => undefined)).rejects.toMatchObject({ code: 'INDEX_NOT_FOUND' });
    expect(fetched).toContain('https://docs.example/_quarry/manifest.json');
    expect(old.search).not.toHaveBeenCalled();
    client.dispose();
  });

  it('talks to a worker of the same version', async () => {
    const api = workerApi(WORKER_API_VERSION);
    channel = installWorker(api);
    const client = createWorkerClient({ indexUrl: 'https://docs.example/_quarry/' });
    expect(await client.status()).toEqual(READY);
    expect(api.init).toHaveBeenCalledTimes(1);
    client.dispose();
  });
});
