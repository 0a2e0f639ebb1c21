/**
 * Ranked passages → what a response shows: pages with their best passages,
 * anchors and snippets. Built once per response.
 */
import type { PassageText } from '../format/docs.ts';
import { passageHref } from '../format/url.ts';
import type { LoadedIndex } from '../load/open-index.ts';
import { loadProblem } from '../load/source.ts';
import type { Hit } from '../rank/hit.ts';
import { groupByPage } from './group.ts';
import { pickAnchor } from './pick-anchor.ts';
import type { PreparedQuery } from './prepare-query.ts';
import { makeExcerpt, type Excerpt } from './snippet.ts';
import type { PageResult, SearchNotice } from './types.ts';

export interface PageResults {
  results: PageResult[];
  /** Problems met on the way (a text shard that could not be loaded). */
  notices: SearchNotice[];
}

export async function pageResults(index: LoadedIndex, hits: readonly Hit[], query: PreparedQuery, options: { k: number; passagesPerPage: number }): Promise<PageResults> {
  const notices = new Map<string, SearchNotice>();
  const groups = groupByPage(hits, index, options);
  const pages = await Promise.all(
    groups.map(async (group): Promise<PageResult | null> => {
      const shown = await Promise.all(group.passages.map((hit) => excerptFor(index, hit.id, query, notices)));
      // A passage whose text shard cannot be read has no link, title or excerpt to show: only the notice says it is missing.
      const readable = group.passages.flatMap((hit, k) => (shown[k] ? [{ hit, passage: shown[k] }] : []));
      if (!readable.length) return null;
      const { url, title } = readable[0].passage;
      return {
        url,
        title,
        score: group.score,
        meta: index.metaOf(group.page),
        passages: readable.map(({ hit, passage: { anchor: passageAnchor, breadcrumb, subsections, excerpt } }) => {
          // The link goes where the excerpt is: one pass over the text decides both.
          const { anchor, heading } = pickAnchor(passageAnchor, subsections, query.terms, excerpt.section);
          return {
            id: hit.id,
            anchor,
            breadcrumb: heading ? [...breadcrumb, heading] : breadcrumb,
            href: passageHref(url, anchor),
            score: hit.score,
            snippet: excerpt.parts,
          };
        }),
      };
    }),
  );
  return { results: pages.filter((p): p is PageResult => p !== null), notices: [...notices.values()] };
}

/**
 * A passage's excerpt with its page, anchor and breadcrumb; null, with a
 * notice naming the file, when its text shard cannot be loaded.
 */
async function excerptFor(index: LoadedIndex, id: number, query: PreparedQuery, notices: Map<string, SearchNotice>): Promise<(PassageText & { excerpt: Excerpt }) | null> {
  let passage: PassageText;
  try {
    passage = await index.passage(id);
  } catch (e) {
    const file = await index.textShardPath(id);
    notices.set(file, {
      code: 'INDEX_CORRUPT',
      message: `${file} ${loadProblem(e)}; some results are missing. Redeploy the whole index folder written by \`quarry build\`.`,
    });
    return null;
  }
  const { subsections } = passage;
  return { ...passage, excerpt: makeExcerpt(passage.text, { terms: query.terms, raw: query.raw }, { headings: subsections ? subsections.map(([, heading]) => heading) : [] }) };
}
