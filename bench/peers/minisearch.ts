/**
 * MiniSearch 7 (BM25+) over the page text Quarry extracted. Pure module (no
 * Node APIs): the browser page bundles it too, so Node and Chromium run the
 * same options.
 *
 * Configurations tried (the best by dev nDCG@10 is the one reported):
 *   granularity: one document per page, or one per section (url#anchor,
 *                pages deduplicated at scoring time);
 *   search:      "site" = what MiniSearch's docs suggest for site search
 *                (prefix: true, fuzzy: 0.2, boost title ×2), or
 *                "exact" = whole terms only, boost title ×2.
 */
import MiniSearch, { type Options, type SearchOptions } from 'minisearch';

export interface PeerDoc {
  id: number;
  url: string;
  title: string;
  text: string;
}

export interface MiniSearchConfig {
  name: string;
  granularity: 'page' | 'section';
  search: SearchOptions;
}

export const MINISEARCH_CONFIGS: MiniSearchConfig[] = [
  { name: 'page/site', granularity: 'page', search: { prefix: true, fuzzy: 0.2, boost: { title: 2 } } },
  { name: 'page/exact', granularity: 'page', search: { boost: { title: 2 } } },
  { name: 'section/site', granularity: 'section', search: { prefix: true, fuzzy: 0.2, boost: { title: 2 } } },
  { name: 'section/exact', granularity: 'section', search: { boost: { title: 2 } } },
];

export function miniSearchOptions(config: MiniSearchConfig): Options<PeerDoc> {
  return { fields: ['title', 'text'], storeFields: ['url'], searchOptions: config.search };
}

export function buildMiniSearch(docs: PeerDoc[], config: MiniSearchConfig): MiniSearch<PeerDoc> {
  const ms = new MiniSearch<PeerDoc>(miniSearchOptions(config));
  ms.addAll(docs);
  return ms;
}

export function loadMiniSearch(json: string, config: MiniSearchConfig): MiniSearch<PeerDoc> {
  return MiniSearch.loadJSON<PeerDoc>(json, miniSearchOptions(config));
}

/** Ranked result URLs (page or page#anchor); enough to fill 10 distinct pages. */
export function searchMiniSearch(ms: MiniSearch<PeerDoc>, query: string, limit = 100): string[] {
  return ms.search(query).slice(0, limit).map((r) => r.url as string);
}
