/**
 * Ranked passages → what a response shows: pages with their best passages,
 * anchors and snippets. Built once per response.
 */
import { passageHref } from '../format/url.ts';
import type { LoadedIndex } from '../load/open-index.ts';
import { loadProblem } from '../load/source.ts';
import type { Hit } from '../rank/hit.ts';
import { groupByPage } from './group.ts';
import { pickAnchor } from './pick-anchor.ts';
import type { PreparedQuery } from './prepare-query.ts';
import { makeSnippet } from './snippet.ts';
import type { PageResult, SearchNotice, SnippetPart } from './types.ts';

export interface PageResults {
  results: PageResult[];
  /** Problems met on the way (a text shard that could not be loaded). */
  notices: SearchNotice[];
}

export async function pageResults(index: LoadedIndex, hits: readonly Hit[], query: PreparedQuery, options: { k: number; passagesPerPage: number }): Promise<PageResults> {
  const notices = new Map<string, SearchNotice>();
  const groups = groupByPage(hits, index, options);
  const { pages, passages } = index.docs;
  const results = await Promise.all(
    groups.map(async (group) => {
      const [url, title, , meta] = pages[group.page];
      return {
        url,
        title,
        score: group.score,
        meta: meta === 0 ? {} : meta,
        passages: await Promise.all(
          group.passages.map(async (hit) => {
            const [, passageAnchor, breadcrumb, , , subsections] = passages[hit.id];
            const { anchor, heading } = pickAnchor(passageAnchor, subsections, query.terms);
            return {
              id: hit.id,
              anchor,
              breadcrumb: heading ? [...breadcrumb, heading] : breadcrumb,
              href: passageHref(url, anchor),
              score: hit.score,
              snippet: await snippetFor(index, hit.id, query, notices),
            };
          }),
        ),
      };
    }),
  );
  return { results, notices: [...notices.values()] };
}

/** A passage's snippet; empty (the UI shows its breadcrumb alone) when its text shard cannot be loaded. */
async function snippetFor(index: LoadedIndex, id: number, query: PreparedQuery, notices: Map<string, SearchNotice>): Promise<SnippetPart[]> {
  let text: string;
  try {
    text = await index.text(id);
  } catch (e) {
    const file = index.textShardPath(id);
    notices.set(file, {
      code: 'INDEX_CORRUPT',
      message: `${file} ${loadProblem(e)}; some excerpts are missing. Redeploy the whole index folder written by \`quarry build\`.`,
    });
    return [];
  }
  return makeSnippet(text, { terms: query.terms });
}
