/**
 * pageResults' links: a result goes to the merged sub-section that holds its
 * excerpt, decided by the same pass over the text as the excerpt. The index
 * is a stand-in over real passages (docs and text as `quarry build` writes
 * them, a real BM25 index for the query side); no model is involved.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBm25, Bm25Index } from '../../../../src/core/lexical/bm25.ts';
import type { Passage, PassageText } from '../../../../src/core/format/docs.ts';
import type { LoadedIndex } from '../../../../src/core/load/open-index.ts';
import { prepareQuery } from '../../../../src/core/search/prepare-query.ts';
import { pageResults } from '../../../../src/core/search/results.ts';
import { fixturePassages, mergedPage, passageAt, samplePassages, subsectionsOf } from './real-passages.ts';

function indexOf(passages: Passage[], options: { textFails?: boolean } = {}) {
  const urls = [...new Set(passages.map((p) => p.url))];
  const pageOf = passages.map((p) => urls.indexOf(p.url));
  const index = {
    async passage(id: number): Promise<PassageText> {
      if (options.textFails) throw new Error('network error');
      const p = passages[id];
      return { url: p.url, title: p.title, lang: 'en', anchor: p.anchor, breadcrumb: p.breadcrumb, subsections: subsectionsOf(p), text: p.text };
    },
    textShardPath: async () => 'text/000000000000.json',
    pageOf: (id: number) => pageOf[id],
    metaOf: () => ({}),
    sectionOf: (id: number) => id,
  } as unknown as LoadedIndex;
  const lexical = Bm25Index.decode(buildBm25(passages.map((p) => ({ fields: [{ text: p.text, boost: 1 }] }))));
  return { index, lexical };
}

let merged: Passage[];
beforeAll(async () => {
  const [sample, sqlite] = await Promise.all([samplePassages(), fixturePassages('real-sqlite/')]);
  merged = [mergedPage(sample, 'errors.html'), mergedPage(sample, 'troubleshooting.html'), passageAt(sqlite, 'lang_createtable.html', 'the_create_table_command')];
});

async function firstPassage(query: string, id: number, options: { textFails?: boolean } = {}) {
  const { index, lexical } = indexOf(merged, options);
  const { results } = await pageResults(index, [{ id, score: 1 }], prepareQuery(query, lexical, null), { k: 5, passagesPerPage: 3 });
  return results[0].passages[0];
}

describe('pageResults', () => {
  it('links to the merged entry whose text holds the excerpt, with its heading in the breadcrumb', async () => {
    // A heading of another entry names "clients"; the answer is the stale-cache entry.
    const stale = await firstPassage('clients see old values after a write', 1);
    expect(stale.href).toBe('troubleshooting.html#faq-stale');
    expect(stale.breadcrumb).toEqual(['Troubleshooting and FAQ', 'A query returns data I already changed. Is the cache wrong?']);
    expect(stale.snippet.some((p) => p.mark && p.text === 'old')).toBe(true);
    // "1. Syntax" names a query word; the generated-column sentence is under "2. The CREATE TABLE command".
    const generated = await firstPassage('syntax of a generated column constraint', 2);
    expect(generated.href).toBe('lang_createtable.html#the_create_table_command');
    expect(generated.breadcrumb.at(-1)).toBe('2. The CREATE TABLE command');
    expect((await firstPassage('E2210', 0)).href).toBe('errors.html#E2210');
  });

  it('links to the passage itself for text before the first merged entry', async () => {
    const intro = await firstPassage('five-character code', 0);
    expect(intro.href).toBe('errors.html#error-codes');
    expect(intro.breadcrumb).toEqual(['Error codes']);
  });

  it('leaves out a result whose text shard cannot be loaded, and names the file', async () => {
    // The shard holds its link, title and excerpt: a result without them would lead nowhere.
    const { index, lexical } = indexOf(merged, { textFails: true });
    const { results, notices } = await pageResults(index, [{ id: 2, score: 1 }], prepareQuery('syntax of a generated column constraint', lexical, null), { k: 5, passagesPerPage: 3 });
    expect(results).toEqual([]);
    expect(notices).toEqual([expect.objectContaining({ code: 'INDEX_CORRUPT', message: expect.stringContaining('text/000000000000.json') })]);
  });
});
