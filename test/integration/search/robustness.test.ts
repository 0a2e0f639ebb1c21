/**
 * The query core under bad input and a damaged index, on the sample docs
 * site with the real model: hostile queries never throw, a blank query
 * finds nothing in every mode, a lost text shard costs only its excerpts,
 * and a damaged vectors, lexical or manifest file is named in the error.
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoadedIndex } from '../../../src/core/load/open-index.ts';
import type { IndexSource } from '../../../src/core/load/source.ts';
import { SearchEngine } from '../../../src/core/search/engine.ts';
import type { Manifest } from '../../../src/core/format/manifest.ts';
import { textShardOf } from '../../support/shards.ts';
import { QuarryError } from '../../../src/core/errors.ts';
import { fsSource } from '../../../src/node/fs-source.ts';
import { openIndex, type QuarryIndex } from '../../../src/node/index.ts';
import { fullDenseSide } from '../../../src/core/search/full-side.ts';
import { buildSiteCopy, type BuiltSite } from '../../support/sample-site.ts';
import { BAD_QUERIES } from '../../support/hostile-queries.ts';

const MODES = ['hybrid', 'lexical', 'dense'] as const;


describe('the query core under bad input and damage', () => {
  let built: BuiltSite;
  let index: QuarryIndex;
  let manifest: Manifest;

  beforeAll(async () => {
    built = await buildSiteCopy();
    index = await openIndex(built.index);
    manifest = index.manifest;
  });
  afterAll(async () => {
    await index?.close();
    await built?.cleanup();
  });

  describe('queries', () => {
    it('a blank or whitespace query returns no results in every mode', async () => {
      for (const q of ['', '   ', '\t\n  \u3000']) {
        for (const mode of MODES) {
          const r = await index.search(q, { mode, k: 10 });
          expect(r.results, `${mode} ${JSON.stringify(q)}`).toEqual([]);
          expect(r.final).toBe(true);
        }
      }
    });

    it('hostile queries raise no exception in any mode', async () => {
      for (const [name, q] of Object.entries(BAD_QUERIES)) {
        for (const mode of MODES) {
          const r = await index.search(q, { mode, k: 10 });
          expect(Array.isArray(r.results), `${name} (${mode})`).toBe(true);
          expect(r.query).toBe(q);
        }
      }
      // And they still find what they contain.
      expect((await index.search(BAD_QUERIES['NUL bytes'], { mode: 'lexical' })).results.length).toBeGreaterThan(0);
    });
  });

  describe('a text shard that cannot be loaded', () => {
    /** The index as fsSource reads it, except `path`, which fails like a missing or altered file. */
    const engineWith = async (path: string, damage: 'missing' | 'altered') => {
      const inner = fsSource(built.index);
      const source: IndexSource = {
        location: inner.location,
        async read(p, onProgress, expected) {
          const bytes = await inner.read(p, onProgress, expected);
          if (p !== path) return bytes;
          if (damage === 'missing') throw new QuarryError('INDEX_CORRUPT', `${p}: no such file`);
          const copy = bytes.slice();
          copy[5] ^= 1;
          return copy;
        },
      };
      return new SearchEngine(await LoadedIndex.open(source));
    };

    for (const damage of ['missing', 'altered'] as const) {
      it(`(${damage}) still answers from the other shards, and the response carries a notice naming it`, async () => {
        // The shard that holds this literal's best passage: its passages have no link or excerpt to show, so they drop out.
        const query = 'wal_buffer_size';
        const healthy = await new SearchEngine(await LoadedIndex.open(fsSource(built.index))).search(query, { mode: 'lexical', k: 10 });
        const target = healthy.results[0].passages[0].id;
        const located = await textShardOf(built.index, manifest, target);
        const shard = located.entry.path;
        const inShard = located.holds;
        const engine = await engineWith(shard, damage);
        const r = await engine.search(query, { mode: 'lexical', k: 10 });
        const passages = r.results.flatMap((p) => p.passages);
        const expected = healthy.results.flatMap((p) => p.passages).filter((p) => !inShard(p.id));
        expect(expected.length).toBeGreaterThan(0);
        expect(passages.map((p) => p.id)).toEqual(expected.map((p) => p.id));
        for (const p of passages) expect(p.snippet.length).toBeGreaterThan(0);
        expect(r.notices).toEqual([{ code: 'INDEX_CORRUPT', message: expect.stringContaining(shard) }]);
        expect(r.notices![0].message).toContain(damage === 'altered' ? 'failed its checksum' : 'some results are missing');
      });
    }
  });

  describe('a damaged vectors, lexical or manifest file', () => {
    const damagedCopy = async (name: string, damage: (dir: string) => Promise<void>) => {
      const copy = join(built.root, name);
      await rm(copy, { recursive: true, force: true });
      await cp(built.index, copy, { recursive: true });
      await damage(copy);
      return copy;
    };
    const flipByte = async (file: string) => {
      const bytes = await readFile(file);
      bytes[Math.floor(bytes.length / 2)] ^= 0xff;
      await writeFile(file, bytes);
    };

    it('altered vectors: dense search names the file; keyword search still works', async () => {
      const copy = await damagedCopy('bad-vectors', (d) => flipByte(join(d, manifest.files.vectors.path)));
      const damaged = await openIndex(copy);
      await expect(damaged.search('cache', { mode: 'dense' })).rejects.toMatchObject({ code: 'INDEX_CORRUPT', message: expect.stringContaining(manifest.files.vectors.path) });
      expect((await damaged.search('cache', { mode: 'lexical' })).results.length).toBeGreaterThan(0);
      await damaged.close();
    });

    it('altered lexical file: opening names it', async () => {
      const copy = await damagedCopy('bad-lexical', (d) => flipByte(join(d, manifest.files.lexical.path)));
      await expect(openIndex(copy)).rejects.toMatchObject({ code: 'INDEX_CORRUPT', message: expect.stringContaining(manifest.files.lexical.path) });
    });

    it('with lexicalOptional (the browser), an undecodable lexical file leaves dense search and says why', async () => {
      const inner = fsSource(built.index);
      const source: IndexSource = {
        location: inner.location,
        read: (p, onProgress, expected) => (p === manifest.files.lexical.path ? Promise.reject(new QuarryError('INDEX_CORRUPT', `${p}: gone`)) : inner.read(p, onProgress, expected)),
      };
      await expect(LoadedIndex.open(source)).rejects.toMatchObject({ code: 'INDEX_CORRUPT' });
      const loaded = await LoadedIndex.open(source, undefined, { lexicalOptional: true });
      expect(loaded.lexicalError).toMatchObject({ code: 'INDEX_CORRUPT', message: expect.stringContaining(manifest.files.lexical.path) });
      const engine = new SearchEngine(loaded);
      // A keyword search cannot answer: it says why, as the worker does.
      await expect(engine.search('wal_buffer_size', { mode: 'lexical' })).rejects.toMatchObject({ code: 'INDEX_CORRUPT', message: expect.stringContaining(manifest.files.lexical.path) });
      const dense = async () => fullDenseSide((await index.dense()).encoder, await loaded.vectors());
      const answer = await engine.search('how large is the write-ahead log buffer', { mode: 'hybrid' }, { dense });
      expect(answer.stage).toBe('dense');
      expect(answer.results.length).toBeGreaterThan(0);
      expect(answer.notices).toContainEqual(expect.objectContaining({ code: 'INDEX_CORRUPT', message: expect.stringContaining(manifest.files.lexical.path) }));
    });

    it('manifest.json that is not JSON, or missing: the error names manifest.json', async () => {
      const garbled = await damagedCopy('bad-manifest', (d) => writeFile(join(d, 'manifest.json'), '{"format": "quarry-index", '));
      await expect(openIndex(garbled)).rejects.toMatchObject({ code: 'INDEX_CORRUPT', message: expect.stringContaining('manifest.json') });
      const missing = await damagedCopy('no-manifest', (d) => rm(join(d, 'manifest.json')));
      await expect(openIndex(missing)).rejects.toMatchObject({ code: 'INDEX_NOT_FOUND', message: expect.stringContaining('manifest.json') });
    });
  });
});
