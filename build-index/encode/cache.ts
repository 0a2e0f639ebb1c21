/**
 * The encode cache is the previous build itself: `build-cache.json` holds one
 * key per passage (a hash of model + encoder input), aligned with the vectors
 * file it names. Nothing outside the index folder is needed, so CI rebuilds
 * that keep the output folder reuse vectors too.
 *
 * The cache names its own vectors file (with its sha256) rather than trusting
 * manifest.json: the two are replaced by separate renames, and a key only
 * says what was encoded, so any intact cache/vectors pair is valid to reuse,
 * whichever generation it comes from.
 */
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { decodeVectors } from '../../src/core/vector/vectors-format.ts';
import type { Manifest } from '../../src/core/format/manifest.ts';

export const CACHE_FILE = 'build-cache.json';

export interface BuildCacheFile {
  version: 1;
  modelHash: string;
  /** The vectors file the keys are aligned with; absent in caches written before it was recorded (the manifest's then). */
  vectors?: { path: string; sha256: string };
  keys: string[];
}

/** Vectors of the previous build by cache key; empty when there is none or it is unusable. */
export async function loadPreviousVectors(outDir: string, modelHash: string): Promise<{ vectors: Map<string, Float32Array>; manifest: Manifest | null }> {
  const vectors = new Map<string, Float32Array>();
  const manifest = await readFile(join(outDir, 'manifest.json'), 'utf8')
    .then((t) => JSON.parse(t) as Manifest)
    .catch(() => null);
  try {
    const cache = JSON.parse(await readFile(join(outDir, CACHE_FILE), 'utf8')) as BuildCacheFile;
    if (cache.version !== 1 || cache.modelHash !== modelHash) return { vectors, manifest };
    const source = cache.vectors ?? (manifest?.model?.hash === modelHash ? manifest.files.vectors : null);
    if (!source || basename(source.path) !== source.path) return { vectors, manifest };
    const bytes = new Uint8Array(await readFile(join(outDir, source.path)));
    if (createHash('sha256').update(bytes).digest('hex') !== source.sha256) return { vectors, manifest };
    const store = decodeVectors(bytes);
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
    return { vectors, manifest };
  }
}
