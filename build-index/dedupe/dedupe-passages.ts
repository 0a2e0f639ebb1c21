/**
 * Passage-level duplicates across pages. Pages that are mostly copies of
 * several other pages (all-in-one editions, print views, singlehtml) are
 * skipped whole as aggregates; every other duplicate cluster keeps the copy on
 * one canonical page and drops the rest. Runs before encoding, and the choice
 * depends only on page contents and URLs, never on crawl order, so the same
 * copy survives from build to build and its vector is reused.
 */
import type { Passage } from '../../src/core/format/docs.ts';
import { canonicalKey } from '../extract/dedupe.ts';
import { nearDuplicateClusters } from './clusters.ts';
import { createHasher, shingleSet } from './shingles.ts';

/** A page is an aggregate when at least this share of its passages are copies… */
export const AGGREGATE_SHARE = 0.8;
/** …it has at least this many passages… */
export const AGGREGATE_MIN_PASSAGES = 3;
/** …and it holds most of at least this many other pages (a page that repeats one other page is a plain duplicate). */
export const AGGREGATE_MIN_PARTS = 2;
/** The share of another page's passages found on an aggregate for that page to count as one of its parts. */
const PART_SHARE = 0.5;
/** A passage copied on more pages than this is boilerplate for aggregate detection (still deduplicated). */
const BOILERPLATE_PAGES = 3;
/** Share of a passage's shingles that another page must hold for the passage to count as a copy of it. */
const CONTAINED = 0.9;
const PASSAGE_SLOTS = 2 ** 21;

export interface Aggregate {
  url: string;
  /** Other pages most of whose passages it repeats. */
  parts: number;
  /** Share of its passages that appear on other pages. */
  share: number;
  passages: number;
}

export interface DedupeResult {
  /** Passages kept, in their original order. */
  passages: Passage[];
  /** Duplicate passages dropped outside aggregate pages. */
  duplicatePassages: number;
  aggregates: Aggregate[];
}

/**
 * From this many words a passage's text identifies it alone. Below it the
 * heading counts too: two short API entries with the same boilerplate but
 * different names differ. Above it, the same text under another heading is
 * still a copy: release notes that repeat the previous release's changes
 * under their own page title (SQLite's release log: 216 passages, 2.2%).
 */
export const SELF_IDENTIFYING_WORDS = 40;

/** The text that identifies a passage (see SELF_IDENTIFYING_WORDS). */
function identity(p: Passage): string {
  return p.words >= SELF_IDENTIFYING_WORDS ? p.text : `${p.breadcrumb.at(-1) ?? ''} ${p.text}`;
}

/**
 * `canonicals`: page URL → the rel=canonical href it declares (null or absent when none).
 */
export async function dedupePassages(passages: Passage[], canonicals: ReadonlyMap<string, string | null>): Promise<DedupeResult> {
  const hash = await createHasher();
  if (passages.length >= PASSAGE_SLOTS) throw new RangeError(`duplicate detection handles at most ${PASSAGE_SLOTS - 1} passages`);
  const sets = passages.map((p) => shingleSet(identity(p), hash));
  const cluster = nearDuplicateClusters(sets);

  const pagesOf = new Map<number, Set<string>>();
  const count = new Map<string, number>();
  passages.forEach((p, i) => {
    let set = pagesOf.get(cluster[i]);
    if (!set) pagesOf.set(cluster[i], (set = new Set()));
    set.add(p.url);
    count.set(p.url, (count.get(p.url) ?? 0) + 1);
  });

  const aggregates = findAggregates(passages, sets, count);
  const skipped = new Set(aggregates.map((a) => a.url));

  // Canonical page per cluster, among the pages that are not skipped.
  const keeper = new Map<number, string>();
  for (const [c, urls] of pagesOf) {
    const live = [...urls].filter((u) => !skipped.has(u));
    if (live.length > 1) keeper.set(c, chooseCanonical(live, canonicals, count));
  }

  const kept: Passage[] = [];
  let duplicatePassages = 0;
  passages.forEach((p, i) => {
    if (skipped.has(p.url)) return;
    const k = keeper.get(cluster[i]);
    if (k !== undefined && k !== p.url) duplicatePassages++;
    else kept.push(p);
  });
  return { passages: kept, duplicatePassages, aggregates };
}

/**
 * Aggregates by containment, not passage equality: an all-in-one page cuts its
 * text into windows at other places than the pages it repeats, so a passage of
 * it counts as a copy when nearly all its shingles occur on one other page.
 */
function findAggregates(passages: Passage[], sets: Uint32Array[], count: Map<string, number>): Aggregate[] {
  const sources = containingPages(passages, sets);
  const ownPassages = new Map<string, number[]>();
  passages.forEach((p, i) => {
    if (sources[i] === null) return;
    let list = ownPassages.get(p.url);
    if (!list) ownPassages.set(p.url, (list = []));
    list.push(i);
  });
  // inside.get(a).get(b): passages of b found on a.
  const inside = new Map<string, Map<string, number>>();
  passages.forEach((p, i) => {
    for (const other of sources[i] ?? []) {
      let m = inside.get(other);
      if (!m) inside.set(other, (m = new Map()));
      m.set(p.url, (m.get(p.url) ?? 0) + 1);
    }
  });
  const out: Aggregate[] = [];
  for (const [url, own] of ownPassages) {
    const copied = own.filter((i) => sources[i]!.length > 0);
    const share = copied.length / own.length;
    if (own.length < AGGREGATE_MIN_PASSAGES || share < AGGREGATE_SHARE) continue;
    // A part is smaller than the whole and mostly found in it.
    const parts = new Set<string>();
    for (const [other, n] of inside.get(url) ?? []) if (count.get(other)! < count.get(url)! && n / ownPassages.get(other)!.length >= PART_SHARE) parts.add(other);
    // Each part must contribute text of its own: pages that repeat one text between them (the same security notice in three release notes) are duplicates, not a concatenation.
    const contributing = new Set<string>();
    for (const i of copied) {
      const here = sources[i]!.filter((u) => parts.has(u));
      if (here.length === 1) contributing.add(here[0]);
    }
    if (contributing.size >= AGGREGATE_MIN_PARTS) out.push({ url, parts: parts.size, share, passages: count.get(url)! });
  }
  return out.sort((a, b) => (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

/**
 * Per passage, the other pages that hold at least CONTAINED of its shingles;
 * null for boilerplate (every shingle occurs on more than BOILERPLATE_PAGES
 * pages). One sort of (shingle, passage) pairs instead of a shingle → pages
 * map keeps memory flat on large sites.
 */
function containingPages(passages: Passage[], sets: Uint32Array[]): Array<string[] | null> {
  let total = 0;
  for (const set of sets) total += set.length;
  // shingle · 2^21 + passage stays below 2^53, an exact float64, for up to two million passages.
  const pairs = new Float64Array(total);
  let w = 0;
  sets.forEach((set, i) => {
    for (const x of set) pairs[w++] = x * PASSAGE_SLOTS + i;
  });
  pairs.sort();
  const distinctive = new Uint32Array(passages.length);
  const hits: Array<Map<string, number> | undefined> = [];
  for (let a = 0; a < total; ) {
    const shingle = Math.floor(pairs[a] / PASSAGE_SLOTS);
    let b = a;
    while (b < total && Math.floor(pairs[b] / PASSAGE_SLOTS) === shingle) b++;
    const run = Array.from(pairs.subarray(a, b), (v) => v % PASSAGE_SLOTS);
    const pages = new Set(run.map((i) => passages[i].url));
    if (pages.size <= BOILERPLATE_PAGES) {
      for (const i of run) {
        distinctive[i]++;
        for (const u of pages) {
          if (u === passages[i].url) continue;
          const m = (hits[i] ??= new Map());
          m.set(u, (m.get(u) ?? 0) + 1);
        }
      }
    }
    a = b;
  }
  return passages.map((_, i) => (distinctive[i] === 0 ? null : [...(hits[i] ?? [])].filter(([, n]) => n >= CONTAINED * distinctive[i]).map(([u]) => u)));
}

/** The page the others name with rel=canonical; else the smaller page; else the first URL. */
function chooseCanonical(urls: string[], canonicals: ReadonlyMap<string, string | null>, count: Map<string, number>): string {
  const declared = (u: string) => urls.filter((o) => o !== u && declares(o, canonicals.get(o) ?? null, u)).length;
  return [...urls].sort((a, b) => declared(b) - declared(a) || count.get(a)! - count.get(b)! || (a < b ? -1 : a > b ? 1 : 0))[0];
}

/** Whether page `from`'s canonical href names page `to` (relative hrefs resolve inside the site; absolute ones match by path). */
function declares(from: string, canonical: string | null, to: string): boolean {
  if (!canonical) return false;
  const key = canonicalKey({ url: from, canonical });
  const target = canonicalKey({ url: '', canonical: `/${to}` });
  if (key === null || target === null) return false;
  if (key === target) return true;
  const path = target.slice('canonical:'.length);
  return /^canonical:[a-z]+:\/\//i.test(key) && key.endsWith(path);
}
