/**
 * The encode cache is the previous build itself: `build-cache.json` holds one
 * key per passage (a hash of model + encoder input), aligned with that
 * build's vectors file. Nothing outside the index folder is needed, so CI
 * rebuilds that keep the output folder reuse vectors too.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decodeVectors } from '../../src/core/vector/vectors-format.ts';
import type { Manifest } from '../../src/core/format/manifest.ts';

export const CACHE_FILE = 'build-cache.json';

export interface BuildCacheFile {
  version: 1;
  modelHash: string;
  keys: string[];
}

/** Vectors of the previous build by cache key; empty when there is none or it is unusable. */
export async function loadPreviousVectors(outDir: string, modelHash: string): Promise<{ vectors: Map<string, Float32Array>; manifest: Manifest | null }> {
  const vectors = new Map<string, Float32Array>();
  try {
    const manifest = JSON.parse(await readFile(join(outDir, 'manifest.json'), 'utf8')) as Manifest;
    const cache = JSON.parse(await readFile(join(outDir, CACHE_FILE), 'utf8')) as BuildCacheFile;
    if (cache.version !== 1 || cache.modelHash !== modelHash || manifest.model?.hash !== modelHash) return { vectors, manifest };
    const store = decodeVectors(new Uint8Array(await readFile(join(outDir, manifest.files.vectors.path))));
    if (store.count !== cache.keys.length) return { vectors, manifest };
    cache.keys.forEach((key, i) => {
      const v = new Float32Array(store.dims);
      const scale = store.scales[i];
      const row = i * store.dims;
      for (let d = 0; d < store.dims; d++) v[d] = store.values[row + d] * scale;
      vectors.set(key, v);
    });
    return { vectors, manifest };
  } catch {
    // No previous build, or one we cannot read: encode everything.
    return { vectors, manifest: null };
  }
}
