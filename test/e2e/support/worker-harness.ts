/**
 * Bundled into the test site as /harness.js: drives the real search worker
 * through the real client, without the UI, so tests can compare rankings.
 */
import { createWorkerClient } from '../../../src/client/worker-client.ts';
import type { LoadProgress, SearchResponse } from '../../../src/client/types.ts';

const params = new URLSearchParams(location.search);
const client = createWorkerClient({ indexUrl: params.get('index') ?? '/_quarry/', device: (params.get('device') as 'auto' | 'wasm' | null) ?? 'auto' });
const progress: LoadProgress[] = [];
client.onProgress((p) => progress.push(p));

declare global {
  interface Window {
    quarryTest: {
      search(q: string, mode?: 'hybrid' | 'lexical' | 'dense'): Promise<SearchResponse[]>;
      status: typeof client.status;
      progress: LoadProgress[];
    };
  }
}

window.quarryTest = {
  progress,
  status: () => client.status(),
  async search(q, mode = 'hybrid') {
    const updates: SearchResponse[] = [];
    await client.search(q, { mode, k: 10 }, (r) => updates.push(r));
    return updates;
  },
};
