/**
 * Page → passages. Sections are grouped (`group.ts`), long groups are cut
 * into overlapping windows (`window.ts`); a passage never spans two pages.
 */
import type { Passage } from '../../src/core/format/docs.ts';
import type { ExtractedPage } from '../extract/types.ts';
import { groupSections } from './group.ts';
import { joinUnits, toUnits } from './units.ts';
import { windowRanges } from './window.ts';
import { countWords } from './words.ts';

/** Validated where options enter (build-index/options.ts); the chunker has no defaults of its own. */
export interface ChunkOptions {
  /** Target words per passage. */
  chunkWords: number;
  /** Words repeated between consecutive windows of one long section. */
  overlapWords: number;
  /** Sections shorter than this merge with a neighbour under the same parent. */
  minWords: number;
}

/** A group up to this many times the target stays one passage instead of two thin windows. */
const SINGLE_PASSAGE_SLACK = 1.25;

export function chunkPage(page: ExtractedPage, options: ChunkOptions): Passage[] {
  const { chunkWords, overlapWords, minWords } = options;
  const passages: Passage[] = [];
  const make = (anchor: string, breadcrumb: string[], text: string, weight: number, subsections: Passage['subsections']): Passage => ({
    url: page.url,
    anchor,
    title: page.title,
    breadcrumb,
    subsections,
    text,
    words: countWords(text),
    // Section weights already inherit the page (body/container) weight.
    weight,
    lang: page.lang,
    meta: page.meta,
  });

  for (const g of groupSections(page.sections, { chunkWords, minWords })) {
    const units = toUnits(g.blocks, Math.floor(chunkWords / 2));
    if (g.words <= chunkWords * SINGLE_PASSAGE_SLACK) {
      passages.push(make(g.anchor, g.breadcrumb, joinUnits(units), g.weight, g.subsections));
      continue;
    }
    for (const [s, e] of windowRanges(units, { chunkWords, overlapWords })) {
      const text = joinUnits(units.slice(s, e));
      // A window only links to the merged subsections whose heading it contains.
      const subs = g.subsections.filter((sub) => text.includes(sub.heading));
      passages.push(make(g.anchor, g.breadcrumb, text, g.weight, subs));
    }
  }
  return passages.filter((p) => p.text.length > 0);
}
