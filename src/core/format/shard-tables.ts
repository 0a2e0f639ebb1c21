/**
 * Where the files of a shard set are (manifest.ts, `ShardSet`): a shard's
 * entry from its table, a table's entry from the manifest, and which shard
 * holds a key. The search side needs only this; listing every file of an
 * index is index-files.ts (clean-up, caches, checks).
 */
import { SHARD_HASH_CHARS, TABLES_DIR, type FileEntry, type ShardKey, type ShardSet, type ShardTable } from './manifest.ts';

export function shardCount(table: ShardTable<ShardKey>): number {
  return Math.floor(table.hashes.length / SHARD_HASH_CHARS);
}

/** Shard `i` of a table as a file entry; its `sha256` is the 12-digit prefix a reader checks. */
export function shardEntry(set: Pick<ShardSet<ShardKey>, 'dir' | 'ext'>, table: ShardTable<ShardKey>, i: number): FileEntry {
  const hash = table.hashes.slice(i * SHARD_HASH_CHARS, (i + 1) * SHARD_HASH_CHARS);
  return { path: `${set.dir}/${hash}.${set.ext}`, sha256: hash };
}

export function shardEntries(set: Pick<ShardSet<ShardKey>, 'dir' | 'ext'>, table: ShardTable<ShardKey>): FileEntry[] {
  return Array.from({ length: shardCount(table) }, (_, i) => shardEntry(set, table, i));
}

/** Table `i` of a shard set as a file entry. */
export function tableEntry(set: ShardSet<ShardKey>, i: number): FileEntry {
  return shardEntry({ dir: `${set.dir}/${TABLES_DIR}`, ext: 'json' }, set.tables, i);
}

export function tableEntries(set: ShardSet<ShardKey>): FileEntry[] {
  return Array.from({ length: shardCount(set.tables) }, (_, i) => tableEntry(set, i));
}

/** The shard whose range holds `key` (the last whose first key ≤ it), or -1 before the first. */
export function shardOf<K extends ShardKey>(firsts: readonly K[], key: K): number {
  let lo = 0;
  let hi = firsts.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (firsts[mid] <= key) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
