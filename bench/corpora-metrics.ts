/**
 * Site-level figures for the real-site table (issue 12), computed from the
 * passages a build actually wrote (docs json + text shards), so they measure
 * what a searcher gets whatever the build's own dedupe or boilerplate
 * removal claims.
 */
import { LoadedIndex } from '../src/core/load/open-index.ts';
import { fsSource } from '../src/node/fs-source.ts';

export interface IndexedSite {
  pages: Array<{ url: string; title: string }>;
  passages: Array<{ page: number; breadcrumb: string[]; text: string }>;
}

export interface SiteFigures {
  pages: number;
  passages: number;
  /** Passages whose normalised text also occurs on another page. */
  duplicatePassages: number;
  /** Passages that look like navigation or a table of contents (see `isNavLike`). */
  navLikePassages: number;
  /** Distinct page titles / pages. */
  distinctTitles: number;
}

/** Every page and passage of a built index, passage text included. */
export async function readIndexedSite(indexDir: string): Promise<IndexedSite> {
  const index = await LoadedIndex.open(fsSource(indexDir));
  const passages: IndexedSite['passages'] = [];
  for (let id = 0; id < index.docs.passages.length; id++) {
    const [page, , breadcrumb] = index.docs.passages[id];
    passages.push({ page, breadcrumb, text: await index.text(id) });
  }
  return { pages: index.docs.pages.map(([url, title]) => ({ url, title })), passages };
}

/** Case, Unicode form, punctuation and spacing do not make two passages different. */
export function normaliseText(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Passages with an exact normalised-text twin on a different page (every copy counts, as in "97% had a twin"). */
export function countDuplicatePassages(site: IndexedSite): number {
  const pagesByText = new Map<string, Set<number>>();
  const keys = site.passages.map((p) => normaliseText(p.text));
  site.passages.forEach((p, i) => {
    if (!keys[i]) return;
    let pages = pagesByText.get(keys[i]);
    if (!pages) pagesByText.set(keys[i], (pages = new Set()));
    pages.add(p.page);
  });
  return keys.filter((k) => k && pagesByText.get(k)!.size > 1).length;
}

/**
 * The nav/TOC heuristic, tuned to be computable from passages alone:
 * - a TOC: the passage's first line, or the heading it sits under, is just
 *   "Table of contents", "Contents", "On this page", "In this article" or
 *   "Page contents"; or
 * - site chrome: at least 80% of its lines are short (at most 8 words) and
 *   each of those lines appears on at least 30% of the site's pages (and on
 *   at least 2 pages) — nav menus, breadcrumbs, footers repeated site-wide.
 * Lines are the passage's blocks (the chunker puts one block per line).
 */
export const NAV_RULE = { shortLineWords: 8, shareOfLines: 0.8, shareOfPages: 0.3, minPages: 2 } as const;

const TOC_LABEL = /^(table of contents|contents|on this page|in this article|page contents)$/;

function lines(text: string): string[] {
  return text.split('\n').map(normaliseText).filter(Boolean);
}

function isShort(line: string): boolean {
  return line.split(' ').length <= NAV_RULE.shortLineWords;
}

/** For each short line, on how many pages it appears. */
function shortLinePages(site: IndexedSite): Map<string, number> {
  const pagesOf = new Map<string, Set<number>>();
  for (const p of site.passages) {
    for (const line of lines(p.text)) {
      if (!isShort(line)) continue;
      let pages = pagesOf.get(line);
      if (!pages) pagesOf.set(line, (pages = new Set()));
      pages.add(p.page);
    }
  }
  return new Map([...pagesOf].map(([line, pages]) => [line, pages.size]));
}

export function countNavLikePassages(site: IndexedSite): number {
  const spread = shortLinePages(site);
  const minPages = Math.max(NAV_RULE.minPages, Math.ceil(NAV_RULE.shareOfPages * site.pages.length));
  const repeated = (line: string) => isShort(line) && (spread.get(line) ?? 0) >= minPages;
  return site.passages.filter((p) => {
    const ls = lines(p.text);
    if (!ls.length) return false;
    if (TOC_LABEL.test(ls[0]) || TOC_LABEL.test(normaliseText(p.breadcrumb.at(-1) ?? ''))) return true;
    return ls.filter(repeated).length >= NAV_RULE.shareOfLines * ls.length;
  }).length;
}

export function distinctTitleShare(site: IndexedSite): number {
  if (!site.pages.length) return 0;
  return new Set(site.pages.map((p) => p.title.trim())).size / site.pages.length;
}

export function siteFigures(site: IndexedSite): SiteFigures {
  return {
    pages: site.pages.length,
    passages: site.passages.length,
    duplicatePassages: countDuplicatePassages(site),
    navLikePassages: countNavLikePassages(site),
    distinctTitles: distinctTitleShare(site),
  };
}
