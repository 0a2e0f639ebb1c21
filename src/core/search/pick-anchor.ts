/**
 * A passage may hold several short sections merged together (an FAQ, a list
 * of error codes, a run of settings). A result links to the one that holds
 * its excerpt's best-matching sentence, found by the same pass over the text
 * as the excerpt (snippet.ts `makeExcerpt` → `section`). When no query word
 * is in the text whole, the excerpt opens on (and the result links to) the
 * sub-section whose heading names the most query terms, else the passage's
 * own anchor.
 */
import { tokenize } from '../text/tokenize.ts';

export interface PickedAnchor {
  anchor: string;
  /** The sub-section's heading, for the breadcrumb; null for the passage's own anchor. */
  heading: string | null;
}

/**
 * `section`: the excerpt's sub-section (an index into `subsections`), -1 for
 * the text before the first of them, null or undefined when the excerpt has
 * none (its text could not be loaded): then the heading rule decides.
 */
export function pickAnchor(anchor: string, subsections: Array<[string, string]> | 0, terms: readonly string[], section?: number | null): PickedAnchor {
  if (!subsections) return { anchor, heading: null };
  const picked = section ?? headingNamingQuery(subsections.map(([, heading]) => heading), terms);
  const sub = subsections[picked];
  return sub === undefined ? { anchor, heading: null } : { anchor: sub[0], heading: sub[1] };
}

/**
 * The heading that names the most query terms (the first of equals), or -1.
 * Any term counts, an identifier's pieces included: it is the fallback for
 * text where no query word matched whole.
 */
export function headingNamingQuery(headings: readonly string[], terms: readonly string[]): number {
  if (!terms.length) return -1;
  const wanted = new Set(terms);
  let best = -1;
  let bestHits = 0;
  headings.forEach((heading, i) => {
    const hits = new Set(tokenize(heading).filter((t) => wanted.has(t))).size;
    if (hits > bestHits) {
      bestHits = hits;
      best = i;
    }
  });
  return best;
}
