/**
 * The one contract every benchmark page implements: `window.bench.search(q, mode)`
 * resolves with ranked URLs once results could be rendered. `run` times a
 * whole query list inside the page (no Playwright round trip per query).
 */
export type BenchSearch = (q: string, mode?: string) => Promise<string[]>;

/** SearchResponse.timings of one final answer (Quarry pages only). */
export interface StageTimings {
  encodeMs?: number;
  denseMs?: number;
  lexicalMs: number;
  fuseMs: number;
  totalMs: number;
}

export interface BenchApi {
  search: BenchSearch;
  /** Times every query `passes` times (after `warmup` untimed passes); also returns the first timed pass's URLs. */
  run(queries: string[], mode: string | undefined, passes: number, warmup: number): Promise<{ ms: number[][]; urls: string[][] }>;
  /** Milliseconds from the call to each stage (Quarry: lexical, then hybrid). */
  stages?: Array<{ stage: string; ms: number }>;
  /** Quarry: the timings of every search() call's final answer, in call order (cleared by the caller). */
  timings?: StageTimings[];
  /** Quarry: the worker's status (backend, threads, cross-origin isolation). */
  status?: () => Promise<unknown>;
  /** Pages that load something before the first timed call (encoder page: model + warm-up); resolves with facts about it. */
  prepare?: (queries?: string[]) => Promise<unknown>;
}

declare global {
  interface Window {
    bench: BenchApi;
  }
}

export function installBench(search: BenchSearch, extra: Partial<BenchApi> = {}): void {
  window.bench = {
    ...extra,
    search,
    async run(queries, mode, passes, warmup) {
      const ms: number[][] = queries.map(() => []);
      const urls: string[][] = [];
      for (let p = 0; p < warmup + passes; p++) {
        for (let i = 0; i < queries.length; i++) {
          const t = performance.now();
          const got = await search(queries[i], mode);
          const dt = performance.now() - t;
          if (p >= warmup) {
            ms[i].push(dt);
            if (p === warmup) urls.push(got);
          }
        }
      }
      return { ms, urls };
    },
  };
}
