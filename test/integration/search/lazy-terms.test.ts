/**
 * The browser opens the index with `lazyTerms`: the term index (prefix and
 * typo expansion, a third of the keyword download) is fetched only when a
 * query has a word the vocabulary lacks, and the final answer of that query
 * has the expansions its keyword stage went without.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LoadedIndex } from '../../../src/core/load/open-index.ts';
import type { IndexSource } from '../../../src/core/load/source.ts';
import { SearchEngine } from '../../../src/core/search/engine.ts';
import type { SearchResponse } from '../../../src/core/search/types.ts';
import { fsSource } from '../../../src/node/fs-source.ts';
import { openIndex, type QuarryIndex } from '../../../src/node/index.ts';
import { buildSiteCopy, type BuiltSite } from '../../support/sample-site.ts';

function recording(source: IndexSource): IndexSource & { reads: string[] } {
  const reads: string[] = [];
  return { location: source.location, reads, read: (path, onProgress, expected) => (reads.push(path), source.read(path, onProgress, expected)) };
}

describe('term index on first need (lazyTerms)', () => {
  let built: BuiltSite;
  let node: QuarryIndex;
  beforeAll(async () => {
    built = await buildSiteCopy();
    node = await openIndex(built.index);
  });
  afterAll(async () => {
    await node?.close();
    await built?.cleanup();
  });

  it('is not fetched for a query whose words are all indexed', async () => {
    const source = recording(fsSource(built.index));
    const index = await LoadedIndex.open(source, undefined, { lazy: true });
    await new SearchEngine(index).search('wal_buffer_size', { mode: 'lexical' });
    expect(source.reads.some((p) => p.startsWith('terms.'))).toBe(false);
  });

  it('is fetched for a misspelled word, and the final answer has its expansion', async () => {
    const source = recording(fsSource(built.index));
    const index = await LoadedIndex.open(source, undefined, { lazy: true });
    const engine = new SearchEngine(index);
    const stages: SearchResponse[] = [];
    const final = await engine.search('replicaton', { mode: 'hybrid' }, { dense: () => node.dense(), onStage: (r) => stages.push(r) });
    expect(source.reads.some((p) => p.startsWith('terms.'))).toBe(true);
    // The same answer as an index whose term index was loaded up front.
    const eager = await node.search('replicaton', { mode: 'hybrid' });
    expect(final.results.map((p) => p.url)).toEqual(eager.results.map((p) => p.url));
    expect(stages[0].stage).toBe('lexical');
    // Lexical mode, where the expansion is the only way to an answer: it waits for the term index.
    const lexical = await new SearchEngine(await LoadedIndex.open(fsSource(built.index), undefined, { lazy: true })).search('replicaton', { mode: 'lexical' });
    expect(lexical.results.length).toBeGreaterThan(0); // "replicaton" itself is in no passage
    expect(lexical.results.map((p) => p.url)).toEqual((await node.search('replicaton', { mode: 'lexical' })).results.map((p) => p.url));
  });
});
