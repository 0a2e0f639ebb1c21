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
            const excerpt = await excerptFor(index, hit.id, query, subsections, notices);
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
        ),
      };
    }),
  );
  return { results, notices: [...notices.values()] };
}

/** A passage's excerpt; empty (the UI shows its breadcrumb alone) when its text shard cannot be loaded. */
async function excerptFor(index: LoadedIndex, id: number, query: PreparedQuery, subsections: Array<[string, string]> | 0, notices: Map<string, SearchNotice>): Promise<Excerpt> {
  let text: string;
  try {
    text = await index.text(id);
  } catch (e) {
    const file = index.textShardPath(id);
    notices.set(file, {
      code: 'INDEX_CORRUPT',
      message: `${file} ${loadProblem(e)}; some excerpts are missing. Redeploy the whole index folder written by \`quarry build\`.`,
    });
    return { parts: [], section: null };
  }
  return makeExcerpt(text, { terms: query.terms, raw: query.raw }, { headings: subsections ? subsections.map(([, heading]) => heading) : [] });
}
