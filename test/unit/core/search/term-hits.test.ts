import { describe, expect, it } from 'vitest';
import { termMatcher } from '../../../../src/core/search/term-hits.ts';
import { queryTerms } from '../../../../src/core/text/tokenize.ts';

const matcher = (raw: string) => termMatcher({ raw, terms: queryTerms(raw).terms });
const spans = (raw: string, word: string) => matcher(raw).match(word).map((h) => word.slice(h.start, h.end));

describe('termMatcher', () => {
  it('does not match a word that only contains the query word as a piece (the issue\'s three cases)', () => {
    expect(spans('environment', 'setEnvironmentFlags')).toEqual([]);
    expect(spans('read', 'read-only')).toEqual([]);
    expect(spans('read', 'read\u2011only')).toEqual([]); // a non-breaking hyphen, as smartened prose has it
    expect(spans('wal', 'max_wal_size')).toEqual([]);
  });

  it('matches the identifier the query is, its stems, and the word inside punctuation', () => {
    expect(spans('max_wal_size', 'max_wal_size,')).toEqual(['max_wal_size']);
    expect(spans('setEnvironmentFlags', '`setEnvironmentFlags()`')).toEqual(['setEnvironmentFlags']);
    expect(spans('index', 'indexes.')).toEqual(['indexes']);
    expect(spans('user', "user's")).toEqual(["user's"]);
    expect(spans('reconnecting', "client.on('reconnecting',")).toEqual(['reconnecting']);
  });

  it('matches only the segment of a dotted name that the query names', () => {
    expect(spans('pg_stat_statements', 'pg_stat_statements.track')).toEqual(['pg_stat_statements']);
  });

  it('does not count the pieces of a typed identifier as words of the query', () => {
    const m = matcher('max_wal_size');
    expect(m.has('max_wal_size')).toBe(true);
    expect(['max', 'wal', 'size'].filter((t) => m.has(t))).toEqual([]);
    // Typed on their own as well, they are words of the query.
    expect(matcher('max_wal_size size').has('size')).toBe(true);
  });

  it('drops stop words unless the query is nothing else', () => {
    expect(termMatcher({ raw: 'th', terms: ['the', 'then', 'that'] }).match('the')).toEqual([]);
    expect(termMatcher({ terms: ['the', 'cache'] }).has('the')).toBe(false);
    expect(spans('to be', 'be')).toEqual(['be']);
  });
});
