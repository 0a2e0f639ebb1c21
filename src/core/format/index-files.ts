/**
 * The one list of the files a manifest names, and where sharded files are:
 * the build's clean-up, the service worker's precache, `quarry check` and the
 * benchmarks all read an index's files through here.
 */
import { SHARD_HASH_CHARS, type FileEntry, type Manifest, type ShardList, type TextShards } from './manifest.ts';

export function shardCount(list: ShardList): number {
  return Math.floor(list.hashes.length / SHARD_HASH_CHARS);
}

/** Shard `i` of a list as a file entry; its `sha256` is the 12-digit prefix a reader checks. */
export function shardEntry(list: ShardList, i: number): FileEntry {
  const hash = list.hashes.slice(i * SHARD_HASH_CHARS, (i + 1) * SHARD_HASH_CHARS);
  return { path: `${list.dir}/${hash}.${list.ext}`, sha256: hash };
}

export function shardEntries(list: ShardList): FileEntry[] {
  return Array.from({ length: shardCount(list) }, (_, i) => shardEntry(list, i));
}

/** The shard whose range holds `key` (the last whose first key ≤ it), or -1 before the first. */
export function shardOf<K extends string | number>(firsts: readonly K[], key: K): number {
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

/** Each text shard's first passage id (from the per-shard counts). */
export function textShardStarts(text: TextShards): number[] {
  const starts: number[] = [];
  let at = 0;
  for (const n of text.passages) {
    starts.push(at);
    at += n;
  }
  return starts;
}

/**
 * Every file entry a manifest of any format lists: single entries, lists of
 * them and shard lists under `files`. For code that may meet an older build's
 * manifest (a rebuild's clean-up, a service worker whose cache still holds
 * the manifest of the previous release); entries that are not well formed
 * are left out.
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
    else if (isShardList(value)) out.push(...shardEntries(value));
    else add(value);
  }
  return out;
}

function isShardList(v: unknown): v is ShardList {
  const s = v as ShardList;
  return typeof s === 'object' && s !== null && typeof s.dir === 'string' && typeof s.ext === 'string' && typeof s.hashes === 'string';
}

/** Every file the manifest lists (not manifest.json itself). */
export function indexFiles(m: Manifest): FileEntry[] {
  const f = m.files;
  return [f.docs, f.vectors, f.lexical, ...shardEntries(f.postings), f.terms, ...shardEntries(f.text), ...f.model, ...f.assets];
}
