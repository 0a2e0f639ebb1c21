/**
 * pageResults' links: a result goes to the merged sub-section that holds its
 * excerpt, decided by the same pass over the text as the excerpt. The index
 * is a stand-in over real passages (docs and text as `quarry build` writes
 * them, a real BM25 index for the query side); no model is involved.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildBm25, Bm25Index } from '../../../../src/core/lexical/bm25.ts';
import type { DocsFile, Passage } from '../../../../src/core/format/docs.ts';
import type { LoadedIndex } from '../../../../src/core/load/open-index.ts';
import { prepareQuery } from '../../../../src/core/search/prepare-query.ts';
import { pageResults } from '../../../../src/core/search/results.ts';
import { fixturePassages, mergedPage, passageAt, samplePassages, subsectionsOf } from './real-passages.ts';

function indexOf(passages: Passage[], options: { textFails?: boolean } = {}) {
  const urls = [...new Set(passages.map((p) => p.url))];
  const docs: DocsFile = {
    pages: urls.map((url) => [url, passages.find((p) => p.url === url)!.title, 'en', 0]),
    passages: passages.map((p) => [urls.indexOf(p.url), p.anchor, p.breadcrumb, p.words, p.weight, subsectionsOf(p)]),
  };
  const index = {
    docs,
    async text(id: number) {
      if (options.textFails) throw new Error('network error');
      return passages[id].text;
    },
    textShardPath: () => 'text/0.000000000000.json',
    pageOf: (id: number) => docs.passages[id][0],
    anchorOf: (id: number) => docs.passages[id][1],
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

  it('falls back to the heading that names the query when the text cannot be loaded', async () => {
    const generated = await firstPassage('syntax of a generated column constraint', 2, { textFails: true });
    expect(generated.snippet).toEqual([]);
    expect(generated.href).toBe('lang_createtable.html#syntax');
  });
});
