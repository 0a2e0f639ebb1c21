import { describe, expect, it } from 'vitest';
import { QuarryError } from '../../../../src/core/errors.ts';
import type { FileEntry, ShardSet } from '../../../../src/core/format/manifest.ts';
import { ShardDirectory } from '../../../../src/core/load/shard-directory.ts';

const h = (c: string) => c.repeat(12);
/** Two tables: terms a…l (shards a, f) and m… (shards m, t). */
const set: ShardSet<string> = { dir: 'lexical', ext: 'bin', tables: { hashes: h('1') + h('2'), first: ['a', 'm'] } };
const tables: Record<string, unknown> = {
  [`lexical/tables/${h('1')}.json`]: { hashes: h('a') + h('b'), first: ['a', 'f'] },
  [`lexical/tables/${h('2')}.json`]: { hashes: h('c') + h('d'), first: ['m', 't'] },
};

function directory(files: Record<string, unknown> = tables, reads: string[] = []) {
  const read = async (e: FileEntry) => {
    reads.push(e.path);
    if (!(e.path in files)) throw new QuarryError('NETWORK', `${e.path}: offline`);
    return new TextEncoder().encode(typeof files[e.path] === 'string' ? (files[e.path] as string) : JSON.stringify(files[e.path]));
  };
  return new ShardDirectory(set, 'string', read, (e) => `idx/${e.path}`, null);
}

describe('ShardDirectory', () => {
  it('finds the shard that holds a key through the one table that lists it', async () => {
    const reads: string[] = [];
    const d = directory(tables, reads);
    expect(await d.locate('checkpoint')).toEqual({ entry: { path: `lexical/${h('a')}.bin`, sha256: h('a') }, first: 'a', next: 'f' });
    // The last shard of a table runs up to the next table's first key.
    expect((await d.locate('hot'))?.next).toBe('m');
    expect((await d.locate('wal'))?.entry.path).toBe(`lexical/${h('d')}.bin`);
    expect(await d.locate('0abc')).toBeNull();
    expect(reads).toEqual([`lexical/tables/${h('1')}.json`, `lexical/tables/${h('2')}.json`]);
  });

  it('spans the shards a prefix may complete into, bounded and within its table', async () => {
    const d = directory();
    expect((await d.span('b', 'z', 5)).map((e) => e.sha256)).toEqual([h('a'), h('b')]);
    expect((await d.span('b', 'z', 1)).map((e) => e.sha256)).toEqual([h('a')]);
    expect((await d.span('m', 'm\uffff', 2)).map((e) => e.sha256)).toEqual([h('c')]);
    expect((await d.all()).map((s) => s.first)).toEqual(['a', 'f', 'm', 't']);
  });

  it('refuses a table whose keys fall outside the range the manifest gives it: files of two builds', async () => {
    const mixed = { ...tables, [`lexical/tables/${h('1')}.json`]: { hashes: h('a') + h('b'), first: ['a', 'n'] } };
    await expect(directory(mixed).locate('b')).rejects.toMatchObject({ code: 'INDEX_CORRUPT', message: expect.stringMatching(new RegExp(`idx/lexical/tables/${h('1')}\\.json: .*two builds`)) });
    const broken = { ...tables, [`lexical/tables/${h('1')}.json`]: '{"hashes": "zz"' };
    await expect(directory(broken).locate('b')).rejects.toMatchObject({ code: 'INDEX_CORRUPT', message: expect.stringContaining('not valid JSON') });
    const unsorted = { ...tables, [`lexical/tables/${h('1')}.json`]: { hashes: h('a') + h('b'), first: ['f', 'a'] } };
    await expect(directory(unsorted).locate('b')).rejects.toMatchObject({ message: expect.stringContaining('ascending') });
  });

  it('retries a table after a network failure, but not after a corrupt one', async () => {
    const files: Record<string, unknown> = { [`lexical/tables/${h('2')}.json`]: tables[`lexical/tables/${h('2')}.json`] };
    const reads: string[] = [];
    const d = directory(files, reads);
    await expect(d.locate('b')).rejects.toMatchObject({ code: 'NETWORK' });
    files[`lexical/tables/${h('1')}.json`] = tables[`lexical/tables/${h('1')}.json`];
    expect((await d.locate('b'))?.first).toBe('a');
    expect(reads.filter((p) => p.includes(h('1')))).toHaveLength(2);
  });
});
