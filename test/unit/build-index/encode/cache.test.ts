import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadPreviousVectors } from '../../../../build-index/encode/cache.ts';
import { writeIndex, type IndexContents } from '../../../../build-index/write/write-index.ts';

let out: string;
beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'quarry-cache-'));
});
afterEach(() => rm(out, { recursive: true, force: true }));

const MODEL = 'e'.repeat(64);
function contents(texts: string[]): IndexContents {
  return {
    passages: texts.map((text, i) => ({ url: `p${i}.html`, anchor: '', title: `p${i}`, breadcrumb: [], subsections: [], text, words: 1, weight: 1, lang: 'en', meta: {} })),
    vectors: texts.map((text) => Float32Array.from({ length: 3 }, (_, d) => (d === text.charCodeAt(0) % 3 ? 1 : 0))),
    cacheKeys: texts,
    model: { id: 'test/model', hash: MODEL, dims: 3, pooling: 'mean', normalize: true, queryPrefix: '', passagePrefix: '', dtype: 'q8', path: null, maxTokens: 8 },
    modelFiles: [],
    assetsDir: null,
    runtimeFiles: [],
    generator: 'quarry@test',
  };
}

describe('loadPreviousVectors', () => {
  it('reuses the vectors the cache names even when manifest.json points at another generation', async () => {
    await writeIndex(out, contents(['a', 'b']));
    const cache = await readFile(join(out, 'build-cache.json'), 'utf8');
    await writeIndex(out, contents(['c', 'd']));
    // As after a build killed between its manifest and its cache: the old cache, the new manifest.
    await writeFile(join(out, 'build-cache.json'), cache);
    const { vectors, manifest } = await loadPreviousVectors(out, MODEL);
    expect([...vectors.keys()]).toEqual(['a', 'b']);
    expect(Array.from(vectors.get('b')!)).toEqual([0, 0, 1]); // b's own vector, not d's
    expect(manifest?.counts.passages).toBe(2);
  });

  it('reuses nothing when the vectors file does not match the checksum the cache recorded', async () => {
    const { manifest } = await writeIndex(out, contents(['a', 'b']));
    const path = join(out, manifest.files.vectors.path);
    const bytes = await readFile(path);
    bytes[bytes.length - 1] ^= 0xff;
    await writeFile(path, bytes);
    expect((await loadPreviousVectors(out, MODEL)).vectors.size).toBe(0);
    expect((await loadPreviousVectors(out, 'another model')).vectors.size).toBe(0);
  });
});
