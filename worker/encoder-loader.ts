/**
 * Loads what the dense tier needs — the model and its runtime (read through
 * the verified, cached index source, with download progress) and the
 * vectors — then warms the encoder up. The search worker reaches this only
 * through `import()`, so this module and encoder.ts (transformers.js,
 * onnxruntime-web) are one lazy chunk, `encoder-loader-<hash>.js`: the first
 * keyword answer never downloads it (issue 14: the keyword path's code budget).
 */
import type { LoadedIndex } from '../src/core/load/open-index.ts';
import { readVerified } from '../src/core/load/source.ts';
import type { DenseSide } from '../src/core/search/host.ts';
import { fullDenseSide } from '../src/core/search/full-side.ts';
import type { LoadProgress, WorkerConfig } from '../src/protocol/worker-api.ts';
import { createBrowserEncoder, type BrowserEncoder } from './encoder.ts';

/** Dummy encodes right after load let V8 tier up the WASM before the user's first real query. */
const WARMUP_QUERIES = ['warm up', 'how do I configure the search index', 'x'];

/** `progress` gets the 'model' and 'warmup' phases; the caller reports 'ready' and failures. */
export async function loadDenseSide(index: LoadedIndex, config: WorkerConfig, progress: (p: LoadProgress) => void): Promise<DenseSide & { encoder: BrowserEncoder }> {
  const { manifest } = index;
  const modelBase = new URL(manifest.model.path ?? 'models/', config.indexUrl).href;
  const totals = new Map<string, [number, number]>();
  const report = (file: string, loaded: number, total: number) => {
    totals.set(file, [loaded, total]);
    let l = 0;
    let t = 0;
    for (const [a, b] of totals.values()) {
      l += a;
      t += b;
    }
    progress({ phase: 'model', loaded: l, total: t, message: 'Downloading the search model (first visit only)' });
  };
  // Model and runtime files by absolute URL: read through the verified, cached source.
  const listed = new Map([...manifest.files.model, ...manifest.files.assets].map((e) => [new URL(e.path, config.indexUrl).href, e]));
  const [encoder, store] = await Promise.all([
    createBrowserEncoder({
      spec: manifest.model,
      modelBaseUrl: modelBase,
      runtimeUrl: new URL('ort/', config.indexUrl).href,
      readListed: (url) => {
        const entry = listed.get(url);
        return entry ? readVerified(index.source, entry, (l, t) => report(entry.path, l, t)) : Promise.resolve(null);
      },
      device: config.device,
      threads: config.threads,
    }),
    index.vectors(),
  ]);
  progress({ phase: 'warmup', loaded: 0, total: 0, message: 'Preparing semantic search' });
  for (const q of WARMUP_QUERIES) await encoder.encode([q], 'query');
  return { ...fullDenseSide(encoder, store), encoder };
}
