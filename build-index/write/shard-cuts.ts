/**
 * Where a sequence of items (terms, passages) is cut into shards. Cuts are
 * content-defined: whether a shard ends before an item depends on that item's
 * key and the bytes since the last cut, not on its position in the whole
 * sequence. An edit in one place then moves the cuts near it only, so a
 * rebuild after a small change rewrites few shards and a repeat visitor
 * re-fetches few.
 */
import { createHash } from 'node:crypto';

export interface ShardSizes {
  /** No cut before a shard holds this many bytes… */
  min: number;
  /** …then a cut at each place it may go with probability (bytes since the last such place / span), so shards average about min + span… */
  span: number;
  /** …and always one before an item that would take the shard past this (mid-page when it must). */
  max: number;
}

/** Postings: a query word costs one shard of 2–4 kB compressed (with its passages' lengths, about 5 kB). */
export const POSTINGS_SHARDS: ShardSizes = { min: 2048, span: 4096, max: 16_384 };
/** Passage text: a result costs its shard, so small ones (1–2 kB compressed): the PostgreSQL manual's first keyword answer fetched 37.7 kB of text shards with twice this size, 28.7 kB with this. */
export const TEXT_SHARDS: ShardSizes = { min: 768, span: 1536, max: 6144 };
/** Static encoder rows (≈ 400 bytes each, barely compressible): a query word costs its shard, 3–8 rows. */
export const ROW_SHARDS: ShardSizes = { min: 1024, span: 1024, max: 3500 };
/**
 * Shard tables, counted in shards (each item weighs 1): about 30 shards,
 * ~300 bytes compressed, per table. A query reads one table per word and per
 * result, and the manifest lists every table, so a site with S shards costs
 * a first query about 30·r + S/30 entries for r lookups: near its minimum
 * for the 3–15 lookups of a query on a site of 500 to 20,000 shards.
 */
export const TABLE_SHARDS: ShardSizes = { min: 12, span: 20, max: 48 };

/**
 * Where each shard starts (item positions, ascending, the first 0; none when
 * there are no items). `canCut`: a shard may start at this item (a page's
 * first passage); `key` decides, and must be stable across builds.
 */
export function contentDefinedCuts(items: ReadonlyArray<{ key: string; bytes: number; canCut: boolean }>, sizes: ShardSizes): number[] {
  const cuts: number[] = [];
  let used = 0;
  let sinceCandidate = 0;
  items.forEach((item, i) => {
    const mustCut = used > 0 && used + item.bytes > sizes.max;
    const mayCut = item.canCut && used >= sizes.min && unit(item.key) < sinceCandidate / sizes.span;
    if (item.canCut) sinceCandidate = 0;
    if (i === 0 || mustCut || mayCut) {
      cuts.push(i);
      used = 0;
    }
    used += item.bytes;
    sinceCandidate += item.bytes;
  });
  return cuts;
}

/** A uniform number in [0, 1) from a key: the same key gives the same draw in every build. */
function unit(key: string): number {
  return createHash('sha1').update(key).digest().readUInt32LE(0) / 2 ** 32;
}
