/** Shards of a built index on disk, found the way search finds them (through their tables). */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Manifest, ShardKey, ShardSet } from '../../src/core/format/manifest.ts';
import { ShardDirectory, type LocatedShard } from '../../src/core/load/shard-directory.ts';

function directory<K extends ShardKey>(indexDir: string, set: ShardSet<K>, kind: 'string' | 'number', end: K | null): ShardDirectory<K> {
  return new ShardDirectory(set, kind, (e) => readFile(join(indexDir, e.path)), (e) => e.path, end);
}

/** The text shard that holds passage `id`, with its passage range. */
export async function textShardOf(indexDir: string, manifest: Manifest, id: number): Promise<LocatedShard<number> & { holds: (id: number) => boolean }> {
  const shard = await directory(indexDir, manifest.files.text, 'number', manifest.counts.passages).locate(id);
  if (!shard) throw new Error(`no text shard for passage ${id}`);
  const end = shard.next ?? manifest.counts.passages;
  return { ...shard, holds: (p) => p >= shard.first && p < end };
}

/** Every text shard's path, in passage order. */
export async function textShardPaths(indexDir: string, manifest: Manifest): Promise<string[]> {
  return (await directory(indexDir, manifest.files.text, 'number', manifest.counts.passages).all()).map((s) => s.entry.path);
}

/** How many postings shards the index has. */
export async function postingsShardCount(indexDir: string, manifest: Manifest): Promise<number> {
  return (await directory(indexDir, manifest.files.postings, 'string', null).all()).length;
}
