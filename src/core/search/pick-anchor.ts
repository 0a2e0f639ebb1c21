/**
 * A passage may hold several short sections merged together (an FAQ, a list
 * of error codes). When the query names one of them, link to that section
 * rather than to the passage's first heading.
 */
import { tokenize } from '../text/tokenize.ts';

export function pickAnchor(anchor: string, subsections: Array<[string, string]> | 0, terms: string[]): { anchor: string; heading: string | null } {
  if (!subsections || !terms.length) return { anchor, heading: null };
  const wanted = new Set(terms);
  let best: { anchor: string; heading: string | null; hits: number } = { anchor, heading: null, hits: 0 };
  for (const [subAnchor, heading] of subsections) {
    const hits = new Set(tokenize(heading).filter((t) => wanted.has(t))).size;
    if (hits > best.hits) best = { anchor: subAnchor, heading, hits };
  }
  return { anchor: best.anchor, heading: best.heading };
}
