/**
 * Ways forward from "no good match": the query respelled with words the
 * site's headings use, and the sections closest to it. Heading words, not
 * the BM25 vocabulary, are offered: the vocabulary holds stems ("replic")
 * that would read as typos themselves.
 */
import { passageHref } from '../format/url.ts';
import { boundedEditDistance, typoBudget } from '../lexical/edit-distance.ts';
import type { LoadedIndex } from '../load/open-index.ts';
import type { Hit } from '../rank/hit.ts';
import { foldForm } from '../text/normalize.ts';
import type { Suggestion } from './types.ts';

const MAX_HEADINGS = 3;
const WORD = /[\p{L}\p{N}][\p{L}\p{N}_'-]*/gu;

/** Words of titles and headings, lower-cased, with how often they occur (the build stores them in the term index). */
export function headingWordCounts(texts: Iterable<string>): Map<string, number> {
  const words = new Map<string, number>();
  for (const text of texts) for (const w of foldForm(text).toLowerCase().match(WORD) ?? []) if (w.length >= 3) words.set(w, (words.get(w) ?? 0) + 1);
  return words;
}

/** The nearest heading word within the typo budget (closest first, then the most used). */
function respell(word: string, words: ReadonlyMap<string, number>): string | null {
  const max = typoBudget(word.length);
  if (max === 0) return null;
  let best: { w: string; d: number; n: number } | null = null;
  for (const [w, n] of words) {
    if (Math.abs(w.length - word.length) > max) continue;
    const d = boundedEditDistance(word, w, max);
    if (d > max || d === 0) continue;
    if (!best || d < best.d || (d === best.d && n > best.n)) best = { w, d, n };
  }
  return best?.w ?? null;
}

/** The query with each word the index does not know replaced by a near heading word; null when none is. */
export function respelledQuery(raw: string, index: LoadedIndex, words: ReadonlyMap<string, number>): string | null {
  let changed = false;
  const out = raw.replace(WORD, (word) => {
    const lower = foldForm(word).toLowerCase();
    if (index.lexical.hasTerm(lower) || words.has(lower)) return word;
    const near = respell(lower, words);
    if (!near) return word;
    changed = true;
    return near;
  });
  return changed ? out : null;
}

/**
 * Suggestions for a query judged to have no good match; `closest` is its
 * ranking before the judgement. Loads the term index (heading words) and the
 * closest passages' text shards; without them it offers what it can.
 */
export async function suggestionsFor(raw: string, index: LoadedIndex, closest: readonly Hit[]): Promise<Suggestion[]> {
  const out: Suggestion[] = [];
  await index.loadTerms().catch(() => undefined);
  const spelling = index.terms ? respelledQuery(raw, index, index.terms.headingWords) : null;
  if (spelling) out.push({ kind: 'spelling', text: spelling });
  const seen = new Set<string>();
  // Read together: the closest few sections are usually on as many text shards.
  const candidates = closest.slice(0, MAX_HEADINGS * 3);
  const texts = await Promise.all(candidates.map(({ id }) => index.passage(id).catch(() => null)));
  for (const [k, { id }] of candidates.entries()) {
    if (out.length >= MAX_HEADINGS + (spelling ? 1 : 0)) break;
    const passage = texts[k];
    if (!passage) continue;
    const { url, title, anchor, breadcrumb: crumbs } = passage;
    const href = passageHref(url, anchor);
    if (seen.has(href)) continue;
    seen.add(href);
    const heading = crumbs[crumbs.length - 1] || title || url;
    out.push({ kind: 'heading', text: heading, href, breadcrumb: [title, ...crumbs.slice(0, -1)].filter((c, i, all) => c && (i > 0 || c !== heading) && all.indexOf(c) === i) });
  }
  return out;
}
