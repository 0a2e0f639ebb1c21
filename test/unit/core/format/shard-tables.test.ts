import { describe, expect, it } from 'vitest';
import { shardEntry, shardOf, tableEntry } from '../../../../src/core/format/shard-tables.ts';
import type { ShardSet } from '../../../../src/core/format/manifest.ts';

const postings: ShardSet<string> = { dir: 'lexical', ext: 'bin', tables: { hashes: 'aaaaaaaaaaaabbbbbbbbbbbb', first: ['a', 'm'] } };

describe('shard tables', () => {
  it('finds the shard that holds a key: the last whose first key is not after it', () => {
    expect(shardOf(['a', 'm'], 'a')).toBe(0);
    expect(shardOf(['a', 'm'], 'lz')).toBe(0);
    expect(shardOf(['a', 'm'], 'm')).toBe(1);
    expect(shardOf(['b', 'm'], 'a')).toBe(-1);
    expect(shardOf([0, 40, 95], 94)).toBe(1);
  });

  it('names a shard and a table by their 12-digit hashes, under the set’s folder', () => {
    expect(tableEntry(postings, 1)).toEqual({ path: 'lexical/tables/bbbbbbbbbbbb.json', sha256: 'bbbbbbbbbbbb' });
    expect(shardEntry(postings, { hashes: '0123456789abfedcba987654', first: ['a', 'q'] }, 1)).toEqual({ path: 'lexical/fedcba987654.bin', sha256: 'fedcba987654' });
  });
});
