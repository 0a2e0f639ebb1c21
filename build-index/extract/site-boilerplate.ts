/**
 * Site-level boilerplate pass, run once every page is extracted: a block of
 * text found on most pages of a site is the site's, not the page's (a
 * banner's slogan, a copyright line, a version picker, a menu the
 * link-density rule did not catch). It would otherwise open or close every
 * page's passages and match every query that names the site.
 */
import type { ExtractedPage } from './types.ts';
import { countWords } from '../chunk/words.ts';

/** A block on at least this share of the pages (and at least MIN_PAGES) is boilerplate. */
export const REPEATED_SHARE = 0.5;
export const MIN_PAGES = 3;
/** Blocks reported in the summary, most frequent first. */
const TOP = 10;

export interface RepeatedBlocks {
  /** Distinct blocks removed. */
  blocks: number;
  /** Copies removed, over all pages. */
  occurrences: number;
  /** The most frequent ones, for `quarry inspect`. */
  top: Array<{ text: string; pages: number }>;
}

/** Digits do not tell blocks apart: "This page last modified on 2022-12-27 …" differs on every SQLite page only by its date. */
const key = (block: string): string => block.normalize('NFKC').toLowerCase().replace(/\d+/g, '0').replace(/\s+/g, ' ').trim();

export function removeRepeatedBlocks(pages: readonly ExtractedPage[]): RepeatedBlocks {
  const result: RepeatedBlocks = { blocks: 0, occurrences: 0, top: [] };
  const threshold = Math.max(MIN_PAGES, Math.ceil(pages.length * REPEATED_SHARE));
  if (pages.length < MIN_PAGES) return result;
  const pagesWith = new Map<string, number>();
  for (const page of pages) {
    const seen = new Set<string>();
    for (const s of page.sections) for (const b of s.blocks) seen.add(key(b));
    for (const k of seen) pagesWith.set(k, (pagesWith.get(k) ?? 0) + 1);
  }
  const repeated = new Map<string, number>();
  for (const [k, n] of pagesWith) if (n >= threshold && k) repeated.set(k, n);
  if (!repeated.size) return result;

  const samples = new Map<string, string>();
  for (const page of pages) {
    for (const s of page.sections) {
      const keep: string[] = [];
      for (const b of s.blocks) {
        const k = key(b);
        if (!repeated.has(k)) {
          keep.push(b);
          continue;
        }
        result.occurrences++;
        if (!samples.has(k)) samples.set(k, b);
        page.diagnostics?.dropped.push({ reason: 'repeated', words: countWords(b), sample: b.replace(/\s+/g, ' ').slice(0, 60) });
      }
      if (keep.length !== s.blocks.length) s.blocks = keep;
    }
  }
  result.blocks = repeated.size;
  result.top = [...repeated.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, TOP)
    .map(([k, n]) => ({ text: samples.get(k) ?? k, pages: n }));
  return result;
}
