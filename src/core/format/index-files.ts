/**
 * The one list of the files a manifest names (shard addressing: shard-tables.ts):
 * the build's clean-up, the service worker's precache, `quarry check` and the
 * benchmarks all read an index's files through here.
 */
import { QuarryError } from '../errors.ts';
import { SHARD_HASH_CHARS, TABLES_DIR, type FileEntry, type Manifest, type ShardKey, type ShardSet, type ShardTable } from './manifest.ts';
import { shardEntries, tableEntries } from './shard-tables.ts';

/** Reads one shard table's bytes, checked against its entry (from disk, the network or a cache). */
export type ReadTable = (entry: FileEntry) => Promise<Uint8Array | string>;

/**
 * Every file entry a manifest of any format lists, without reading a file:
 * single entries, lists of them, format 2's flat shard lists, and format 3's
 * shard tables (not the shards they list: see `expandShardTables`). For code
 * that may meet an older build's manifest (a rebuild's clean-up, a service
 * worker whose cache still holds the previous release's manifest); entries
 * that are not well formed are left out.
 */
export function anyVersionFiles(m: unknown): FileEntry[] {
  const files = (m as { files?: unknown } | null)?.files;
  if (typeof files !== 'object' || files === null) return [];
  const out: FileEntry[] = [];
  const add = (e: unknown) => {
    const f = e as FileEntry;
    if (typeof f?.path === 'string' && typeof f.sha256 === 'string') out.push(f);
  };
  for (const value of Object.values(files)) {
    if (Array.isArray(value)) value.forEach(add);
    else if (isShardSet(value)) out.push(...tableEntries(value));
    else if (isFlatShardList(value)) out.push(...shardEntries(value, value));
    else add(value);
  }
  return out;
}

/**
 * The shards a manifest of any format lists through shard tables (format 3),
 * read with `read`. A table that cannot be read or parsed is skipped and
 * reported in `unreadable`: a caller that deletes what is not listed must then
 * keep what it cannot account for.
 */
export async function expandShardTables(m: unknown, read: ReadTable): Promise<{ shards: FileEntry[]; unreadable: FileEntry[] }> {
  const files = (m as { files?: unknown } | null)?.files;
  const shards: FileEntry[] = [];
  const unreadable: FileEntry[] = [];
  if (typeof files !== 'object' || files === null) return { shards, unreadable };
  for (const value of Object.values(files)) {
    if (!isShardSet(value)) continue;
    await Promise.all(
      tableEntries(value).map(async (entry) => {
        try {
          const raw = await read(entry);
          const table = JSON.parse(typeof raw === 'string' ? raw : new TextDecoder().decode(raw)) as ShardTable<ShardKey>;
          if (typeof table?.hashes !== 'string') throw new Error('not a shard table');
          shards.push(...shardEntries(value, table));
        } catch {
          unreadable.push(entry);
        }
      }),
    );
  }
  return { shards, unreadable };
}

/**
 * The entry of a shard or shard table of a manifest of any format, from its
 * path alone (a shard's name is its hash): for a cache that serves a shard
 * without reading the tables. Null when the path is no such file.
 */
export function shardEntryForPath(m: unknown, path: string): FileEntry | null {
  const files = (m as { files?: unknown } | null)?.files;
  if (typeof files !== 'object' || files === null) return null;
  for (const value of Object.values(files)) {
    if (!isShardSet(value) && !isFlatShardList(value)) continue;
    const { dir, ext } = value as { dir: string; ext: string };
    for (const [d, e] of [[dir, ext], [`${dir}/${TABLES_DIR}`, 'json']]) {
      const hash = path.startsWith(`${d}/`) && path.endsWith(`.${e}`) ? path.slice(d.length + 1, path.length - e.length - 1) : '';
      if (hash.length === SHARD_HASH_CHARS && /^[0-9a-f]+$/.test(hash)) return { path, sha256: hash };
    }
  }
  return null;
}

function isShardSet(v: unknown): v is ShardSet<ShardKey> {
  const s = v as ShardSet<ShardKey>;
  return typeof s === 'object' && s !== null && typeof s.dir === 'string' && typeof s.ext === 'string' && typeof s.tables?.hashes === 'string';
}

/** Format 2 listed every shard in the manifest: `{ dir, ext, hashes }`. */
function isFlatShardList(v: unknown): v is { dir: string; ext: string } & ShardTable<ShardKey> {
  const s = v as { dir: string; ext: string; hashes: string };
  return typeof s === 'object' && s !== null && typeof s.dir === 'string' && typeof s.ext === 'string' && typeof s.hashes === 'string';
}

/** Every file the manifest itself lists, shard tables included (not manifest.json, not the shards: `expandShardTables`). */
export function indexFiles(m: Manifest): FileEntry[] {
  const f = m.files;
  const tier = f.staticRows && f.ivfCentroids && f.ivfLists ? [...tableEntries(f.staticRows), f.ivfCentroids, ...tableEntries(f.ivfLists)] : [];
  return [f.docs, f.vectors, f.lexical, ...tableEntries(f.postings), f.terms, ...tableEntries(f.text), ...tier, ...f.model, ...f.assets];
}

/** Every file of an index: what the manifest lists and the shards its tables list. */
export async function allIndexFiles(m: Manifest, read: ReadTable): Promise<FileEntry[]> {
  const { shards, unreadable } = await expandShardTables(m, read);
  if (unreadable.length) throw new QuarryError('INDEX_CORRUPT', `${unreadable[0].path}: cannot be read as a shard table. Rebuild the index.`);
  return [...indexFiles(m), ...shards];
}
