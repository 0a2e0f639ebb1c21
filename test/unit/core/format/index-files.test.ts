import { describe, expect, it } from 'vitest';
import { anyVersionFiles, indexFiles, shardOf, textShardStarts } from '../../../../src/core/format/index-files.ts';
import type { Manifest } from '../../../../src/core/format/manifest.ts';
import { listedFiles } from '../../../../worker/cache-keys.ts';

const entry = (path: string) => ({ path, bytes: 1, sha256: 'a'.repeat(64) });
const v2 = {
  format: 'quarry-index',
  version: 2,
  counts: { pages: 1, passages: 5 },
  files: {
    docs: entry('docs.1.json'),
    vectors: entry('vectors.2.bin'),
    lexical: entry('lexical.3.bin'),
    postings: { dir: 'lexical', ext: 'bin', hashes: '0123456789abfedcba987654', first: ['a', 'm'] },
    terms: entry('terms.4.json'),
    text: { dir: 'text', ext: 'json', hashes: '00112233445f', passages: [5] },
    model: [entry('models/x/onnx/model_quantized.onnx')],
    assets: [entry('quarry.js')],
  },
} as unknown as Manifest;

describe('index files', () => {
  it('lists every file of a format-2 manifest, shards by their 12-digit names', () => {
    expect(indexFiles(v2).map((e) => e.path)).toEqual(['docs.1.json', 'vectors.2.bin', 'lexical.3.bin', 'lexical/0123456789ab.bin', 'lexical/fedcba987654.bin', 'terms.4.json', 'text/00112233445f.json', 'models/x/onnx/model_quantized.onnx', 'quarry.js']);
    expect(anyVersionFiles(v2).map((e) => e.path).sort()).toEqual(indexFiles(v2).map((e) => e.path).sort());
  });

  it("reads a format-1 manifest too: a service worker's cached copy of the previous release", () => {
    // Before: listedFiles assumed format 2 and threw on this, so every index request the service worker answered failed.
    const v1 = { format: 'quarry-index', version: 1, files: { docs: entry('docs.1.json'), vectors: entry('vectors.2.bin'), lexical: entry('lexical.3.bin'), terms: entry('terms.4.json'), text: [entry('text/0.5.json'), entry('text/1.6.json')], model: [], assets: [entry('quarry.js')] } } as unknown as Manifest;
    expect(listedFiles(v1).map((e) => e.path)).toEqual(['docs.1.json', 'vectors.2.bin', 'lexical.3.bin', 'terms.4.json', 'text/0.5.json', 'text/1.6.json', 'quarry.js']);
    expect(anyVersionFiles({ files: { docs: { path: 1 } } })).toEqual([]);
    expect(anyVersionFiles(null)).toEqual([]);
  });

  it('finds the shard that holds a key', () => {
    expect(shardOf(['a', 'm'], 'a')).toBe(0);
    expect(shardOf(['a', 'm'], 'lz')).toBe(0);
    expect(shardOf(['a', 'm'], 'm')).toBe(1);
    expect(shardOf(['b', 'm'], 'a')).toBe(-1);
    expect(textShardStarts({ dir: 'text', ext: 'json', hashes: '', passages: [3, 2, 4] })).toEqual([0, 3, 5]);
  });
});
