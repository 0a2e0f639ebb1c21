/**
 * Site-level figures for the real-site table (issue 12), computed from the
 * passages a build actually wrote (docs json + text shards), so they measure
 * what a searcher gets whatever the build's own dedupe or boilerplate
 * removal claims.
 */
import { LoadedIndex } from '../src/core/load/open-index.ts';
import { fsSource } from '../src/node/fs-source.ts';
import { navLikePassages, normaliseText, NAV_RULE } from '../build-index/inspect/nav-like.ts';

export { normaliseText, NAV_RULE };

export interface IndexedSite {
  pages: Array<{ url: string; title: string }>;
  passages: Array<{ page: number; breadcrumb: string[]; text: string }>;
}

export interface SiteFigures {
  pages: number;
  passages: number;
  /** Passages whose normalised text also occurs on another page. */
  duplicatePassages: number;
  /** Passages that look like navigation or a table of contents (see build-index/inspect/nav-like.ts). */
  navLikePassages: number;
  /** Distinct page titles / pages. */
  distinctTitles: number;
}

/** Every page and passage of a built index, passage text included. */
export async function readIndexedSite(indexDir: string): Promise<IndexedSite> {
  const index = await LoadedIndex.open(fsSource(indexDir));
  const passages: IndexedSite['passages'] = [];
  for (let id = 0; id < index.manifest.counts.passages; id++) {
    const { breadcrumb, text } = await index.passage(id);
    passages.push({ page: index.pageOf(id), breadcrumb, text });
  }
  return { pages: await index.pageList(), passages };
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

/** The nav/TOC heuristic is the build's (build-index/inspect/nav-like.ts), so the table counts what `quarry build` warns about. */
export function countNavLikePassages(site: IndexedSite): number {
  return navLikePassages(site.passages, site.pages.length).length;
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
