/**
 * Browser page for Quarry, like test/e2e/support/worker-harness.ts: the real
 * search worker through the real client, no UI. ?eager=0 leaves the model
 * alone until a dense query (what a lexical-only visitor downloads);
 * ?worker= points at a worker bundle when the index has none.
 */
import { createWorkerClient } from '../../src/client/worker-client.ts';
import type { SearchResponse } from '../../src/client/types.ts';
import { installBench } from './bench-api.ts';

const params = new URLSearchParams(location.search);
const client = createWorkerClient({
  indexUrl: params.get('index') ?? '/_quarry/',
  workerUrl: params.get('worker') ?? undefined,
  device: 'wasm',
  eagerModel: params.get('eager') !== '0',
});
const stages: Array<{ stage: string; ms: number }> = [];

installBench(
  async (q, mode = 'hybrid') => {
    const t = performance.now();
    let last: SearchResponse | null = null;
    stages.length = 0;
    await client.search(q, { mode: mode as 'hybrid' | 'lexical' | 'dense', k: 10 }, (r) => {
      stages.push({ stage: r.stage, ms: performance.now() - t });
      last = r;
    });
    const final = last as SearchResponse | null;
    if (!final) return [];
    if (final.denseError) throw new Error(`dense search failed: ${final.denseError.message}`);
    return final.results.map((r) => r.passages[0]?.href ?? r.url);
  },
  { stages },
);
