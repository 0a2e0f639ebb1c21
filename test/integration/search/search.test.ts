/**
 * The query core on the sample docs site with the real model: the recipe's
 * promises (paraphrase via dense, literals via lexical, fusion ≥ both) and
 * the index's refusal of corrupt or mismatched files.
 */
import { cp, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { readQueries, type LabelledQuery } from '../../../src/cli/commands/queries-file.ts';
import { QueryRunner } from '../../../src/node/query-runner.ts';
import { main } from '../../../src/cli/main.ts';
import type { Encoder } from '../../../src/core/encoder.ts';
import { Bm25Index } from '../../../src/core/lexical/bm25.ts';
import { evaluateRun } from '../../../src/core/metrics/evaluate.ts';
import { SupersededQuery, type DenseSide } from '../../../src/core/search/host.ts';
import type { SearchResponse } from '../../../src/core/search/types.ts';
import { normalizeText } from '../../../src/core/text/normalize.ts';
import { queryTerms, tokenize } from '../../../src/core/text/tokenize.ts';
import { openIndex, type QuarryIndex } from '../../../src/node/index.ts';
import { buildSiteCopy, SAMPLE_QUERIES, type BuiltSite } from '../../support/sample-site.ts';

describe('search on the sample docs site', () => {
  let built: BuiltSite;
  let index: QuarryIndex;
  let queries: LabelledQuery[];
  let runner: QueryRunner;

  beforeAll(async () => {
    built = await buildSiteCopy();
    index = await openIndex(built.index);
    queries = await readQueries(SAMPLE_QUERIES);
    runner = new QueryRunner(index);
  });
  afterAll(async () => {
    await index?.close();
    await built?.cleanup();
  });

  const topPages = async (q: string, mode: 'hybrid' | 'lexical' | 'dense', n = 3) =>
    (await index.search(q, { mode, k: 10 })).results.slice(0, n).map((r) => r.url);

  it('finds a page for a paraphrase that shares no words with it, where lexical search does not', async () => {
    const q = queries.find((x) => x.id === 'q01')!;
    const page = await readFile(join(built.site, q.relevant[0]), 'utf8');
    // The premise: none of the query's terms occur on the page.
    const pageTerms = new Set(tokenize(normalizeText(page)));
    const shared = queryTerms(q.query).terms.filter((t) => pageTerms.has(t));
    expect(shared).toEqual([]);

    expect(await topPages(q.query, 'hybrid')).toContain(q.relevant[0]);
    expect(await topPages(q.query, 'lexical')).not.toContain(q.relevant[0]);
  });

  it("is the API of the package itself: import { openIndex } from 'quarry'", async () => {
    const pkg = await import('quarry');
    const viaPackage = await pkg.openIndex(built.index);
    expect((await viaPackage.search('wal_buffer_size', { mode: 'lexical', k: 1 })).results[0].url).toBe('configuration.html');
    await viaPackage.close();
  });

  it('ranks the page that defines an identifier first', async () => {
    for (const [query, page] of [
      ['wal_buffer_size', 'configuration.html'],
      ['E1042', 'errors.html'],
      ['client.connect()', 'api/client.html'],
    ]) {
      expect((await topPages(query, 'hybrid', 1))[0], query).toBe(page);
      expect((await topPages(query, 'lexical', 1))[0], query).toBe(page);
    }
  });

  it('links a literal to its section anchor', async () => {
    const r = await index.search('wal_buffer_size', { k: 3 });
    expect(r.results[0].passages[0].href).toBe('configuration.html#wal_buffer_size');
    // The setting is an entry of its own: its passage sits under its heading, which names the literal.
    expect(r.results[0].passages[0].breadcrumb.at(-1)).toBe('wal_buffer_size');
  });

  it('scores hybrid at least as well as lexical and dense on the labelled queries', async () => {
    const score = async (mode: 'hybrid' | 'lexical' | 'dense') => evaluateRun(queries, await runner.rankAll(queries, mode)).overall.ndcg;
    const [hybrid, lexical, dense] = [await score('hybrid'), await score('lexical'), await score('dense')];
    expect(hybrid).toBeGreaterThanOrEqual(lexical);
    expect(hybrid).toBeGreaterThanOrEqual(dense);
  });

  it('never shows two passages of one section for a page', async () => {
    for (const q of queries) {
      for (const page of (await index.search(q.query, { k: 10 })).results) {
        const anchors = page.passages.map((p) => p.anchor);
        expect(new Set(anchors).size, `${q.query} → ${page.url}`).toBe(anchors.length);
      }
    }
  });

  it('filters by page meta (data-quarry-meta)', async () => {
    const all = await index.search('connect', { mode: 'hybrid', k: 20 });
    const api = await index.search('connect', { mode: 'hybrid', k: 20, filters: { section: 'api' } });
    const none = await index.search('connect', { mode: 'hybrid', k: 20, filters: { section: 'no-such-section' } });
    expect(all.results.some((r) => !r.url.startsWith('api/'))).toBe(true);
    expect(api.results.length).toBeGreaterThan(0);
    expect(api.results.every((r) => r.url.startsWith('api/') && r.meta.section === 'api')).toBe(true);
    expect(none.results).toEqual([]);
  });

  it('prints JSONL from quarry query with url#anchor, score, title and anchor', async () => {
    const file = join(built.root, 'q.jsonl');
    await writeFile(file, `${JSON.stringify({ id: 'a', query: 'wal_buffer_size' })}\n${JSON.stringify({ id: 'b', query: 'replicate to a standby' })}\n`);
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = ((chunk: string) => (lines.push(String(chunk)), true)) as typeof process.stdout.write;
    try {
      expect(await main(['query', '--index', built.index, '--queries', file, '--k', '5'])).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    const rows = lines.join('').trim().split('\n').map((l) => JSON.parse(l));
    expect(rows.map((r) => r.id)).toEqual(['a', 'b']);
    expect(rows[0].results[0]).toMatchObject({ url: 'configuration.html#wal_buffer_size', anchor: 'wal_buffer_size', title: expect.any(String), score: expect.any(Number) });
    expect(rows[0].results.length).toBeLessThanOrEqual(5);
  });

  describe('one staged search (the core owns it; worker, openIndex and the CLI host it)', () => {
    const QUERY = 'how do I limit statement run time';
    afterEach(() => vi.restoreAllMocks());

    /** The index's dense side, with its encoder's calls logged into `events`. */
    const loggedDense = async (events: string[]): Promise<DenseSide> => {
      const side = await index.dense();
      const { encoder } = side;
      const logged: Encoder = { dims: encoder.dims, encode: (texts, kind) => (events.push(`encode ${texts.join('|')}`), encoder.encode(texts, kind)) };
      return { ...side, encoder: logged };
    };

    it('runs BM25 once per hybrid query through openIndex', async () => {
      await index.search(QUERY, { mode: 'hybrid' }); // model loaded outside the count
      const bm25 = vi.spyOn(Bm25Index.prototype, 'search');
      const r = await index.search(QUERY, { mode: 'hybrid' });
      expect(r.stage).toBe('hybrid');
      expect(bm25).toHaveBeenCalledTimes(1);
    });

    it("emits the lexical stage before encoding, then the hybrid one, with one BM25 run and one encode (the worker's path)", async () => {
      const events: string[] = [];
      const bm25 = vi.spyOn(Bm25Index.prototype, 'search');
      const stages: SearchResponse[] = [];
      const onStage = (r: SearchResponse) => (stages.push(r), events.push(`stage ${r.stage}${r.final ? ' final' : ''}`));
      const final = await index.engine.search(QUERY, { mode: 'hybrid' }, { dense: () => loggedDense(events), onStage });
      expect(events).toEqual(['stage lexical', `encode ${normalizeText(QUERY)}`, 'stage hybrid final']);
      expect(bm25).toHaveBeenCalledTimes(1);
      expect(final).toBe(stages[1]);
      // A question: the keyword stage shows only hits holding most of its words and counts the ones it holds back.
      expect(stages[0].results.length + (stages[0].withheld ?? 0)).toBeGreaterThan(0);
    });

    it('stops at a stage boundary once the query is superseded: no encode, nothing more emitted', async () => {
      const events: string[] = [];
      let current = true;
      const search = index.engine.search(QUERY, { mode: 'hybrid' }, {
        dense: () => loggedDense(events),
        isCurrent: () => current,
        onStage: (r) => ((current = false), events.push(`stage ${r.stage}`)),
      });
      await expect(search).rejects.toBeInstanceOf(SupersededQuery);
      expect(events).toEqual(['stage lexical']);
    });

    it('answers lexically with denseError when the model fails to load, reusing the lexical stage (one BM25 run)', async () => {
      const bm25 = vi.spyOn(Bm25Index.prototype, 'search');
      const stages: SearchResponse[] = [];
      const failure = { code: 'MODEL_LOAD_FAILED' as const, message: 'model.onnx returned 404' };
      const final = await index.engine.search('wal_buffer_size', { mode: 'hybrid' }, {
        dense: () => Promise.reject(new Error('404')),
        onDenseFailure: () => failure,
        onStage: (r) => stages.push(r),
      });
      expect(stages.map((r) => [r.stage, r.final])).toEqual([['lexical', false], ['lexical', true]]);
      expect(final).toMatchObject({ stage: 'lexical', final: true, denseError: failure });
      expect(final.results[0].url).toBe('configuration.html');
      expect(bm25).toHaveBeenCalledTimes(1);
    });

    it('without onDenseFailure, a model that fails to load rejects the search (the Node API)', async () => {
      await expect(index.engine.search(QUERY, { mode: 'hybrid' }, { dense: () => Promise.reject(new Error('no model')) })).rejects.toThrow('no model');
    });

    it('quarry eval encodes each query once across the three modes', async () => {
      const { encoder } = await index.dense();
      const encode = vi.spyOn(encoder, 'encode');
      const some = queries.slice(0, 3);
      const fresh = new QueryRunner(index);
      for (const mode of ['lexical', 'dense', 'hybrid'] as const) await fresh.rankAll(some, mode);
      expect(encode.mock.calls.map(([texts]) => texts)).toEqual(some.map((q) => [normalizeText(q.query)]));
    });
  });

  describe('a damaged index', () => {
    it('names the file whose checksum does not match', async () => {
      const copy = join(built.root, 'damaged');
      await cp(built.index, copy, { recursive: true });
      const manifest = JSON.parse(await readFile(join(copy, 'manifest.json'), 'utf8'));
      const docs = join(copy, manifest.files.docs.path);
      const bytes = await readFile(docs);
      bytes[10] ^= 1;
      await writeFile(docs, bytes);
      await expect(openIndex(copy)).rejects.toMatchObject({ code: 'INDEX_CORRUPT', message: expect.stringContaining(manifest.files.docs.path) });
    });

    it('refuses a manifest from a newer Quarry', async () => {
      const copy = join(built.root, 'newer');
      await cp(built.index, copy, { recursive: true });
      const file = join(copy, 'manifest.json');
      const manifest = JSON.parse(await readFile(file, 'utf8'));
      await writeFile(file, JSON.stringify({ ...manifest, version: 99 }));
      await expect(openIndex(copy)).rejects.toMatchObject({ code: 'INDEX_VERSION' });
    });

    it('refuses a model that does not match the one the index was built with', async () => {
      const copy = join(built.root, 'other-model');
      await cp(built.index, copy, { recursive: true });
      const file = join(copy, 'manifest.json');
      const manifest = JSON.parse(await readFile(file, 'utf8'));
      // As if built with --no-copy-model against a model whose files differ from ours.
      await writeFile(file, JSON.stringify({ ...manifest, model: { ...manifest.model, path: null, hash: 'f'.repeat(64) } }));
      const other = await openIndex(copy);
      await expect(other.search('cache', { mode: 'hybrid' })).rejects.toMatchObject({ code: 'MODEL_MISMATCH' });
      expect((await other.search('cache', { mode: 'lexical' })).results.length).toBeGreaterThan(0);
    });

    it('says where to look when there is no index', async () => {
      await expect(openIndex(join(built.root, 'nowhere'))).rejects.toMatchObject({ code: 'INDEX_NOT_FOUND', message: expect.stringContaining('quarry build') });
    });
  });
});
