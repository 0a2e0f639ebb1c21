/**
 * voy-search (a k-d tree in WASM) fed from Quarry's compact vectors. The
 * package targets bundlers (`import * as wasm from '.wasm'`), so we
 * instantiate its wasm ourselves from bytes the host provides: the same code
 * then runs in Node (fs) and in the worker (fetch).
 */
import * as glue from 'voy-search/voy_search_bg.js';
import type { VectorStore } from '../../core/vector/vectors-format.ts';

interface VoyIndex {
  search(query: Float32Array, k: number): { neighbors: Array<{ id: string }> };
  free(): void;
}

let ready: Promise<void> | null = null;

export function initVoy(wasmBytes: Uint8Array): Promise<void> {
  ready ??= WebAssembly.instantiate(wasmBytes, { './voy_search_bg.js': glue as unknown as WebAssembly.ModuleImports }).then(({ instance }) => {
    (glue as unknown as { __wbg_set_wasm(e: unknown): void }).__wbg_set_wasm(instance.exports);
  });
  return ready;
}

/** Builds a voy index over all vectors (dequantised to float, as voy needs). */
export function buildVoyIndex(store: VectorStore): VoyIndex {
  const embeddings = new Array(store.count);
  for (let i = 0; i < store.count; i++) {
    const row = new Array<number>(store.dims);
    const scale = store.scales[i];
    for (let d = 0; d < store.dims; d++) row[d] = store.values[i * store.dims + d] * scale;
    embeddings[i] = { id: String(i), title: '', url: '', embeddings: row };
  }
  const Voy = (glue as unknown as { Voy: new (r: unknown) => VoyIndex }).Voy;
  return new Voy({ embeddings });
}

export function voySearch(index: VoyIndex, query: Float32Array, k: number): number[] {
  return index.search(query, k).neighbors.map((n) => Number(n.id));
}
