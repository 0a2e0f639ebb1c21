/**
 * Browser page for Quarry, like test/e2e/support/worker-harness.ts: the real
 * search worker through the real client, no UI. ?eager=0 leaves the model
 * alone until a dense query (what a lexical-only visitor downloads);
 * ?worker= points at a worker bundle when the index has none; ?sw=<url>
 * registers a service worker first (the offline/caching measurements).
 */
import { createWorkerClient } from '../../src/client/worker-client.ts';
import type { SearchResponse } from '../../src/client/types.ts';
import { installBench, type StageTimings } from './bench-api.ts';

const params = new URLSearchParams(location.search);
const sw = params.get('sw');
// Registered before the client starts, as <quarry-search offline> does on connect.
if (sw && 'serviceWorker' in navigator) void navigator.serviceWorker.register(sw).catch((e: Error) => console.warn(`bench: ${sw}: ${e.message}`));
const client = createWorkerClient({
  indexUrl: params.get('index') ?? '/_quarry/',
  workerUrl: params.get('worker') ?? undefined,
  device: 'wasm',
  eagerModel: params.get('eager') !== '0',
});
const stages: Array<{ stage: string; ms: number }> = [];
const timings: StageTimings[] = [];

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
    timings.push({ ...final.timings });
    return final.results.map((r) => r.passages[0]?.href ?? r.url);
  },
  { stages, timings, status: () => client.status() },
);
