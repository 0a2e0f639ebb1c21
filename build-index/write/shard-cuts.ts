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

/**
 * Postings: a query word costs one shard of 2–4 kB compressed. Smaller
 * shards would list more entries in the manifest (about 12 bytes each,
 * compressed, on every first visit) than they save per query.
 */
export const POSTINGS_SHARDS: ShardSizes = { min: 2048, span: 4096, max: 16_384 };
/** Passage text: one or two shards per result page, 2–3 kB compressed each (same trade-off). */
export const TEXT_SHARDS: ShardSizes = { min: 1536, span: 3072, max: 8192 };

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
