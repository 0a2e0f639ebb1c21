import { describe, expect, it } from 'vitest';
import { isQuarryError } from '../../../../src/core/errors.ts';
import { boundedEditDistance } from '../../../../src/core/lexical/edit-distance.ts';
import { buildTermIndex, TermIndex } from '../../../../src/core/lexical/terms.ts';

const vocab = ['max_wal_size', 'max_connections', 'postgres', 'postgresql', 'index', 'indexing', 'wal_level', 'shared_buffers', 'vacuum', 'analyze', 'select', '23505', '検索'];

describe('TermIndex.expand', async () => {
  const index = await TermIndex.load(await buildTermIndex(vocab));

  it('completes a literal prefix without unrelated parts', () => {
    expect(index.expand('max_wal', 3)).toEqual(['max_wal_size']);
    expect(index.expand('shared_buf', 3)).toEqual(['shared_buffers']);
  });

  it('finds near spellings', () => {
    expect(index.expand('postgress', 1)).toEqual(['postgres']);
    expect(index.expand('postgers', 1)).toEqual(['postgres']);
    expect(index.expand('vacum', 3)).toEqual(['vacuum']);
    expect(index.expand('indxe', 1)).toEqual(['index']);
  });

  it('keeps an indexed term first and respects the limit', () => {
    expect(index.expand('index', 2)).toEqual(['index', 'indexing']);
    expect(index.expand('index', 0)).toEqual([]);
  });

  it('offers nothing for short or unrelated terms', () => {
    expect(index.expand('zzzzzz', 3)).toEqual([]);
    expect(index.expand('xq', 3)).toEqual([]);
  });
});

describe('TermIndex.load', () => {
  it('rejects broken files with INDEX_CORRUPT', async () => {
    for (const bad of ['{', '{"format":"other"}', '{"format":"quarry-terms","version":2,"terms":[1],"flex":[],"headings":[]}', '{"format":"quarry-terms","version":2,"terms":[],"flex":[],"headings":[["x"]]}']) {
      try {
        await TermIndex.load(bad);
        throw new Error('loaded');
      } catch (e) {
        expect(isQuarryError(e, 'INDEX_CORRUPT')).toBe(true);
      }
    }
  });
});

describe('TermIndex heading words', () => {
  it('keeps the heading words and counts it was built with, for "no good match" respellings', async () => {
    const index = await TermIndex.load(await buildTermIndex(vocab, new Map([['replication', 3], ['vacuum', 1]])));
    expect([...index.headingWords]).toEqual([['replication', 3], ['vacuum', 1]]);
  });

  it('names the version it reads when the file is of another one', async () => {
    await expect(TermIndex.load('{"format":"quarry-terms","version":1,"terms":[],"flex":[]}')).rejects.toMatchObject({ code: 'INDEX_VERSION' });
  });
});

describe('boundedEditDistance', () => {
  it('counts edits and transpositions, capped', () => {
    expect(boundedEditDistance('kitten', 'sitting', 3)).toBe(3);
    expect(boundedEditDistance('postgers', 'postgres', 2)).toBe(1);
    expect(boundedEditDistance('abc', 'xyz', 1)).toBe(2);
    expect(boundedEditDistance('same', 'same', 0)).toBe(0);
  });
});
