import { byScoreThenId, type Hit } from '../rank/hit.ts';

/** What grouping needs to know about a passage. */
export interface DocsLookup {
  pageOf(id: number): number;
  /** The passage's section within its page: passages of one section link to one place. */
  sectionOf(id: number): number;
}

export interface PageGroup {
  page: number;
  /** The best passage's score. */
  score: number;
  /** Best first, at most passagesPerPage, one per section. */
  passages: Hit[];
}

/**
 * Groups ranked passages into pages: a page ranks by its best passage and
 * shows up to `passagesPerPage` of them. Overlapping chunks of one section
 * share an anchor and would link to the same place, so only the best of them
 * is kept.
 */
export function groupByPage(
  hits: readonly Hit[],
  docs: DocsLookup,
  options: { k: number; passagesPerPage: number },
): PageGroup[] {
  const sorted = [...hits].sort(byScoreThenId);
  const groups: PageGroup[] = [];
  const byPage = new Map<number, { group: PageGroup; sections: Set<number> }>();
  const perPage = Math.max(1, options.passagesPerPage);
  const seenIds = new Set<number>();
  for (const { id, score } of sorted) {
    if (seenIds.has(id)) continue;
    seenIds.add(id);
    const page = docs.pageOf(id);
    let entry = byPage.get(page);
    if (entry === undefined) {
      if (groups.length >= options.k) continue;
      entry = { group: { page, score, passages: [] }, sections: new Set() };
      byPage.set(page, entry);
      groups.push(entry.group);
    }
    const section = docs.sectionOf(id);
    if (entry.sections.has(section) || entry.group.passages.length >= perPage) continue;
    entry.sections.add(section);
    entry.group.passages.push({ id, score });
  }
  return groups;
}
