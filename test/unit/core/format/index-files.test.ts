import { describe, expect, it } from 'vitest';
import { anyVersionFiles, expandShardTables, indexFiles, shardEntryForPath } from '../../../../src/core/format/index-files.ts';
import type { Manifest } from '../../../../src/core/format/manifest.ts';
import { listedFiles } from '../../../../worker/cache-listing.ts';

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

const v3 = {
  ...v2,
  version: 3,
  files: {
    ...v2.files,
    postings: { dir: 'lexical', ext: 'bin', tables: { hashes: 'aaaaaaaaaaaabbbbbbbbbbbb', first: ['a', 'm'] } },
    text: { dir: 'text', ext: 'json', tables: { hashes: 'cccccccccccc', first: [0] } },
  },
} as unknown as Manifest;
const tables: Record<string, object> = {
  'lexical/tables/aaaaaaaaaaaa.json': { hashes: '0123456789ab', first: ['a'] },
  'lexical/tables/bbbbbbbbbbbb.json': { hashes: 'fedcba987654', first: ['m'] },
  'text/tables/cccccccccccc.json': { hashes: '00112233445f', first: [0] },
};

describe('index files', () => {
  it('lists the files a format-3 manifest names, shard tables by their 12-digit names, and the shards those tables list', async () => {
    expect(indexFiles(v3).map((e) => e.path)).toEqual(['docs.1.json', 'vectors.2.bin', 'lexical.3.bin', 'lexical/tables/aaaaaaaaaaaa.json', 'lexical/tables/bbbbbbbbbbbb.json', 'terms.4.json', 'text/tables/cccccccccccc.json', 'models/x/onnx/model_quantized.onnx', 'quarry.js']);
    expect(anyVersionFiles(v3).map((e) => e.path).sort()).toEqual(indexFiles(v3).map((e) => e.path).sort());
    const read = async (e: { path: string }) => JSON.stringify(tables[e.path]);
    const { shards, unreadable } = await expandShardTables(v3, read);
    expect(shards.map((e) => e.path).sort()).toEqual(['lexical/0123456789ab.bin', 'lexical/fedcba987654.bin', 'text/00112233445f.json']);
    expect(unreadable).toEqual([]);
    // A table that cannot be read is reported, never taken for an empty one.
    const missing = await expandShardTables(v3, async (e) => (e.path.startsWith('text') ? Promise.reject(new Error('gone')) : read(e)));
    expect(missing.unreadable.map((e) => e.path)).toEqual(['text/tables/cccccccccccc.json']);
  });

  it('knows a shard or table of the manifest by its path alone', () => {
    expect(shardEntryForPath(v3, 'text/00112233445f.json')).toEqual({ path: 'text/00112233445f.json', sha256: '00112233445f' });
    expect(shardEntryForPath(v3, 'lexical/tables/aaaaaaaaaaaa.json')).toEqual({ path: 'lexical/tables/aaaaaaaaaaaa.json', sha256: 'aaaaaaaaaaaa' });
    expect(shardEntryForPath(v3, 'text/0011.json')).toBeNull();
    expect(shardEntryForPath(v3, 'docs.1.json')).toBeNull();
  });

  it("reads a format-2 manifest too (flat shard lists): a service worker's cached copy of the previous release", () => {
    expect(anyVersionFiles(v2).map((e) => e.path)).toEqual(['docs.1.json', 'vectors.2.bin', 'lexical.3.bin', 'lexical/0123456789ab.bin', 'lexical/fedcba987654.bin', 'terms.4.json', 'text/00112233445f.json', 'models/x/onnx/model_quantized.onnx', 'quarry.js']);
  });

  it("reads a format-1 manifest too: a service worker's cached copy of the previous release", () => {
    // Before: listedFiles assumed format 2 and threw on this, so every index request the service worker answered failed.
    const v1 = { format: 'quarry-index', version: 1, files: { docs: entry('docs.1.json'), vectors: entry('vectors.2.bin'), lexical: entry('lexical.3.bin'), terms: entry('terms.4.json'), text: [entry('text/0.5.json'), entry('text/1.6.json')], model: [], assets: [entry('quarry.js')] } } as unknown as Manifest;
    expect(listedFiles(v1).map((e) => e.path)).toEqual(['docs.1.json', 'vectors.2.bin', 'lexical.3.bin', 'terms.4.json', 'text/0.5.json', 'text/1.6.json', 'quarry.js']);
    expect(anyVersionFiles({ files: { docs: { path: 1 } } })).toEqual([]);
    expect(anyVersionFiles(null)).toEqual([]);
  });

});
